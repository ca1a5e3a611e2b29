/// Plausible personal data and official wording for simulated sessions, of realistic
/// lengths, so journal lines and archives weigh what real ones would.
enum SampleText {
    static let givenNames = ["María", "José", "Guadalupe", "Juan Carlos", "Ana Laura", "Luis", "Rosa Elena",
                             "Miguel Ángel", "Verónica", "Francisco", "Alejandra", "Jesús", "Patricia", "Raúl"]
    static let surnames = ["López", "Hernández", "García", "Martínez", "González", "Pérez", "Rodríguez",
                           "Sánchez", "Ramírez", "Cruz", "Flores", "Gómez", "Morales", "Vázquez", "Jiménez"]
    static let places = ["la calle Juárez", "la avenida Tecnológico", "el callejón del Carmen",
                         "la calle Leona Vicario", "la privada de Hidalgo", "el andador Morelos",
                         "la esquina de Comonfort y Allende", "la avenida Estado de México"]
    static let troubles = ["desde hace tres semanas", "y ya lo reportamos dos veces sin respuesta",
                           "y afecta a unas cuarenta familias", "desde las lluvias de la semana pasada",
                           "y hay adultos mayores en la cuadra", "y la escuela primaria está al lado"]
    static let announcements = [
        "Recordamos que la sesión termina a las 14:00; quien no alcance turno sigue en el canal permanente con su folio.",
        "La Dirección de Agua Potable atiende también en ventanilla de 9:00 a 18:00.",
        "Pedimos a quienes esperan tener a la mano su identificación y su folio.",
        "Se hace un receso de cinco minutos.",
    ]

    static func name(_ random: inout SplitMix64) -> String {
        "\(pick(givenNames, &random)) \(pick(surnames, &random)) \(pick(surnames, &random))"
    }

    static func contact(_ random: inout SplitMix64) -> String {
        random.below(2) == 0
            ? "722 \(100 + random.below(900)) \(1000 + random.below(9000))"
            : "vecino\(random.below(10000))@correo.mx"
    }

    static func description(_ random: inout SplitMix64, service: String) -> String {
        "\(service): el problema está en \(pick(places, &random)), número \(1 + random.below(300)), "
            + "\(pick(troubles, &random)). Solicito que se revise y se nos informe la fecha de atención."
    }

    static func answer(_ random: inout SplitMix64) -> String {
        "Se atiende hoy mismo: una cuadrilla acude a \(pick(places, &random)) esta tarde y se le informa por su folio."
    }

    static func commitment(_ random: inout SplitMix64) -> String {
        "Se programa la visita técnica a \(pick(places, &random)) y la obra en el siguiente programa mensual; "
            + "la dependencia informa el avance por el canal permanente."
    }

    /// 32 characters of base64url, the size of a real resume token.
    static func token(_ random: inout SplitMix64) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        return String((0..<32).map { _ in alphabet[Int(random.below(64))] })
    }

    private static func pick(_ list: [String], _ random: inout SplitMix64) -> String {
        list[Int(random.below(UInt64(list.count)))]
    }
}
