/// Why a benchmark could not produce figures (never a slow result: that is a figure).
public enum BenchmarkError: Error, CustomStringConvertible {
    case unusableSeeds(String)
    case simulation(String)
    /// A replayed journal or a written archive is not what was recorded.
    case mismatch(String)

    public var description: String {
        switch self {
        case .unusableSeeds(let why): "los datos del municipio no sirven para simular: \(why)"
        case .simulation(let why): "la simulación falló: \(why)"
        case .mismatch(let why): "resultado incorrecto: \(why)"
        }
    }
}
