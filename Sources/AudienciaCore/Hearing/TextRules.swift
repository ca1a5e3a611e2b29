/// Limits on the free text people type, checked before anything is stored.
enum TextRules {
    static let name = 2...80
    static let contact = 0...120
    static let description = 1...500
    static let answer = 1...1000
    static let commitment = 1...1000
    static let announcement = 1...280
}

extension String {
    /// The text without leading and trailing whitespace (Foundation-free).
    var trimmed: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }

    /// Trimmed text whose length falls in `limits`, or nil.
    func trimmed(within limits: ClosedRange<Int>) -> String? {
        let text = trimmed
        return limits.contains(text.count) ? text : nil
    }
}
