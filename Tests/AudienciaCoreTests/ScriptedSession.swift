@testable import AudienciaCore

/// A whole Tuesday, scripted with known times, shared by the feed, archive and counter tests.
///
/// | folio | checked in | service (dept) | what happens |
/// |---|---|---|---|
/// | 1 | 09:40 | fuga (Agua) | called 10:10 (dir-agua), answered 10:14 → wait 1800 s, turn 240 s |
/// | 2 | 09:45 | bacheo (Obras) | called 10:15 (dir-obras), in process 10:25 → wait 1800 s, turn 600 s |
/// | 3 | 09:50 | predial (Tesorería) | called 10:26, transferred to Agua 10:29 (turn 180 s), called 10:30, mayor takes 10:35, answers 10:38 (turn 480 s) → wait 2160 s |
/// | 4 | 10:02 | falta de agua (Agua) | called 10:40, no-show 10:41 → wait 2280 s |
/// | 5 | 10:05 | bacheo (Obras) | leaves 10:42 |
/// | 6 | 10:06 | fuga (Agua) | called 10:45, in process 10:50 → wait 2340 s, turn 300 s |
/// | 7 | 10:55 | fuga (Agua) | called 11:05, still on the floor at 14:00 → carried forward, wait 600 s |
/// | 8 | 11:00 | bacheo (Obras) | still waiting at 14:00 → carried forward |
struct ScriptedSession {
    struct Citizen {
        var name: String
        var contact: String?
        var description: String
        var token: String
        var service: ServiceID
        var colonia: ColoniaID
    }

    static let citizens: [Citizen] = [
        Citizen(name: "Zacarías Ulloa Quintanar", contact: "zacarias.ulloa@correo-privado.mx",
                description: "Fuga frente al número 77 de la calle Quetzalcóatl", token: "rt-a1b2c3d4e5",
                service: Fixtures.fuga, colonia: Fixtures.sanMateo),
        Citizen(name: "Brígida Yáñez Oropeza", contact: "722 555 0102",
                description: "Bache que ya tiró a mi vecino en la moto", token: "rt-f6g7h8i9j0",
                service: Fixtures.bacheo, colonia: Fixtures.tizatlalli),
        Citizen(name: "Casimiro Wenceslao Trejo", contact: nil,
                description: "Me cobraron doble el predial del año pasado", token: "rt-k1l2m3n4o5",
                service: Fixtures.predial, colonia: Fixtures.casaBlanca),
        Citizen(name: "Dionisia Xóchitl Ahumada", contact: "dionisia.x@correo-privado.mx",
                description: "Sin agua desde el lunes en la privada Olmos", token: "rt-p6q7r8s9t0",
                service: Fixtures.faltaAgua, colonia: Fixtures.sanMateo),
        Citizen(name: "Eustaquio Vargas Pliego", contact: "722 555 0105",
                description: "Hoyo en la banqueta de la escuela primaria", token: "rt-u1v2w3x4y5",
                service: Fixtures.bacheo, colonia: Fixtures.casaBlanca),
        Citizen(name: "Filomena Ugalde Sarmiento", contact: "722 555 0106",
                description: "Tubería reventada en el callejón del Ciprés", token: "rt-z6a7b8c9d0",
                service: Fixtures.fuga, colonia: Fixtures.tizatlalli),
        Citizen(name: "Gumersindo Tapia Ramírez", contact: "gumersindo@correo-privado.mx",
                description: "Coladera sin tapa en la esquina del mercado", token: "rt-e1f2g3h4i5",
                service: Fixtures.fuga, colonia: Fixtures.sanMateo),
        Citizen(name: "Hermenegilda Solís Quiroga", contact: "722 555 0108",
                description: "Socavón en la avenida Tecnológico norte", token: "rt-j6k7l8m9n0",
                service: Fixtures.bacheo, colonia: Fixtures.tizatlalli),
    ]

    static let answer1 = "Respuesta reservada: cuadrilla siete hoy a las 16:00"
    static let commitment2 = "Compromiso reservado: relleno con mezcla asfáltica"
    static let answer3 = "Respuesta reservada: se cancela el cobro duplicado"
    static let commitment6 = "Compromiso reservado: cambio de tubería del callejón"
    static let announcement = "Receso de 10 minutos; volvemos a las 11:00."

    /// Everything that must never reach a viewer.
    static var personalStrings: [String] {
        citizens.flatMap { [$0.name, $0.description, $0.token] + ($0.contact.map { [$0] } ?? []) }
            + [answer1, commitment2, answer3, commitment6]
    }

    static var folios: [Folio] { (1...8).map { Fixtures.folio($0) } }

    var room = Room()
    /// Effects of every input, in order.
    var steps: [[Effect]] = []
    /// Snapshots viewers received, mid-session and after the close.
    var snapshots: [FeedSnapshot] = []

    var all: [Effect] { steps.flatMap { $0 } }

    init() {
        func at(_ time: String) -> Instant { Fixtures.at(time) }
        let c = Self.citizens
        func checkIn(_ n: Int, _ time: String) {
            let citizen = c[n - 1]
            let form = Fixtures.form(name: citizen.name, colonia: citizen.colonia, contact: citizen.contact,
                                     service: citizen.service, description: citizen.description)
            steps.append(room.checkIn(n, form, token: citizen.token, at: at(time)))
        }
        func viewer(_ time: String) {
            let effects = room.hearing.handle(.viewerConnected(Conn.viewer), at: at(time))
            steps.append(effects)
            for case .send(.feedSnapshot(let snapshot), _) in effects { snapshots.append(snapshot) }
        }

        steps.append(room.tick(at("09:30")))
        checkIn(1, "09:40")
        checkIn(2, "09:45")
        checkIn(3, "09:50")
        steps.append(room.tick(at("10:00")))
        checkIn(4, "10:02")
        checkIn(5, "10:05")
        checkIn(6, "10:06")
        steps.append(room.callNext(at: at("10:10")))
        steps.append(room.answer(Fixtures.folio(1), Self.answer1, by: Fixtures.dirAgua, at: at("10:14")))
        steps.append(room.callNext(at: at("10:15")))
        steps.append(room.official(.recordOutcome(folio: Fixtures.folio(2), .inProcess(
            commitment: Self.commitment2, departmentID: nil, dueDate: CivilDate(year: 2026, month: 12, day: 10))),
                                   by: Fixtures.dirObras, at: at("10:25")))
        steps.append(room.callNext(at: at("10:26")))
        steps.append(room.official(.recordOutcome(folio: Fixtures.folio(3), .transferred(to: Fixtures.agua)),
                                   by: Fixtures.dirTesoreria, at: at("10:29")))
        steps.append(room.callNext(at: at("10:30")))
        viewer("10:31")
        steps.append(room.official(.takeFloor, by: Fixtures.mayor, at: at("10:35")))
        steps.append(room.answer(Fixtures.folio(3), Self.answer3, by: Fixtures.mayor, at: at("10:38")))
        steps.append(room.callNext(at: at("10:40")))
        steps.append(room.official(.markNoShow(folio: Fixtures.folio(4)), at: at("10:41")))
        steps.append(room.leave(5, folio: Fixtures.folio(5), at: at("10:42")))
        steps.append(room.callNext(at: at("10:45")))
        steps.append(room.official(.recordOutcome(folio: Fixtures.folio(6), .inProcess(
            commitment: Self.commitment6, departmentID: nil, dueDate: CivilDate(year: 2026, month: 12, day: 8))),
                                   by: Fixtures.dirAgua, at: at("10:50")))
        steps.append(room.official(.announce(text: Self.announcement), at: at("10:51")))
        checkIn(7, "10:55")
        checkIn(8, "11:00")
        steps.append(room.callNext(at: at("11:05")))
        steps.append(room.tick(at("12:00")))
        steps.append(room.tick(at("14:00")))
        viewer("14:01")
    }

    var archive: SessionArchive? { all.archives.first }
}
