/// Folios are one numbering for the whole municipality: the permanent channel issues them
/// too, so the hearing must continue after the channel's last one.
extension Hearing {
    /// Notes a folio issued outside the hearing; numbering continues after the highest.
    public mutating func noteFolioIssued(_ folio: Folio) {
        guard history.lastFolio.map({ $0 < folio }) ?? true else { return }
        history.lastFolio = folio
    }
}
