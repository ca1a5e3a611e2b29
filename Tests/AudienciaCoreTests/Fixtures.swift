@testable import AudienciaCore

/// A small Metepec-like catalog built in code (the tests never read `seeds/`).
enum Fixtures {
    // MARK: Ids

    static let agua: DepartmentID = "agua"
    static let obras: DepartmentID = "obras-publicas"
    static let tesoreria: DepartmentID = "tesoreria"

    static let mayor: OfficialID = "presidenta"
    static let dirAgua: OfficialID = "dir-agua"
    static let dirObras: OfficialID = "dir-obras-publicas"
    static let dirTesoreria: OfficialID = "dir-tesoreria"
    static let moderator: OfficialID = "moderacion"

    static let fuga: ServiceID = "agua-fuga"
    static let faltaAgua: ServiceID = "agua-falta"
    static let bacheo: ServiceID = "bacheo"
    static let predial: ServiceID = "predial-pago"

    static let sanMateo: ColoniaID = "barrio-de-san-mateo"
    static let tizatlalli: ColoniaID = "san-salvador-tizatlalli"
    static let casaBlanca: ColoniaID = "casa-blanca"

    static let noticeVersion = "2026-01"

    /// A Tuesday that is not a holiday; due date 10 working days later is 2026-12-15.
    static let tuesday = CivilDate(year: 2026, month: 12, day: 1)
    /// A Tuesday whose follow-up window crosses the fixture's holidays 12-22 and 12-25.
    static let tuesdayBeforeHolidays = CivilDate(year: 2026, month: 12, day: 15)
    /// A Tuesday the fixture declares a holiday.
    static let holidayTuesday = CivilDate(year: 2026, month: 12, day: 22)

    // MARK: Catalog

    static let guidanceTemplates: [GuidanceKey: String] = [
        .checkedIn: "Listo. Tu turno es el {turno} y tu folio es {folio}.",
        .checkInBeforeOpening: "Tu registro quedó guardado. La audiencia empieza a las {start}.",
        .waiting: "Vas en el lugar {position} de la fila. Personas antes que tú: {ahead}. Tiempo estimado: unos {wait} minutos.",
        .next: "Sigues tú. Ten listos tus documentos para tu trámite: {service}.",
        .onFloor: "Es tu turno. Tienes la palabra con {official}, {role}.",
        .answered: "Tu petición {folio} recibió respuesta: «{answer}».",
        .inProcess: "Tu petición {folio} está en proceso. Responsable: {department}. Compromiso: {commitment}. Fecha límite: {dueDate}.",
        .transferred: "Tu petición {folio} se turnó a {department}. Vuelves a la fila hasta adelante.",
        .noShow: "Te llamamos y no estabas presente. Tu petición {folio} sigue con {department}.",
        .left: "Saliste de la fila. Tu petición {folio} sigue con {department}.",
        .carriedForward: "La sesión cerró antes de tu turno: tu petición {folio} sigue con {department} en el canal permanente ({channelHours}).",
        .sessionOpened: "La audiencia pública digital ya comenzó.",
        .sessionClosed: "La audiencia de hoy terminó. Con tu folio {folio} puedes consultar el seguimiento.",
    ]

    static let channelTemplates: [ChannelPromptKey: String] = [
        .receivedNote: "Petición recibida en el canal permanente.",
        .hearingNote: "Petición registrada en la audiencia pública.",
        .noShowNote: "Llegó de la audiencia pública: no estuvo presente al ser llamada.",
        .leftNote: "Llegó de la audiencia pública: salió de la fila.",
        .carriedForwardNote: "Llegó de la audiencia pública: la sesión cerró antes de su turno.",
        .reviewToday: "hoy mismo, en horario de atención",
        .reviewOn: "el {date} a partir de las {time}",
        .dueDateUndefined: "por definir",
        .received: "Tu petición {folio} está registrada con {department}, que la revisará {review}. Fecha compromiso: {dueDate}.",
        .transferred: "Tu petición {folio} se turnó a {department}, que la revisará {review}. Fecha compromiso: {dueDate}.",
        .inProcess: "Tu petición {folio} está en proceso con {department}. Compromiso: {commitment}. Fecha compromiso: {dueDate}.",
        .inProcessPublic: "Tu petición {folio} está en proceso con {department}. Fecha compromiso: {dueDate}.",
        .answered: "Tu petición {folio} fue respondida por {department}: «{answer}».",
        .answeredPublic: "Tu petición {folio} fue respondida por {department}.",
    ]

    static let catalog = Catalog(
        municipality: Municipality(
            name: "Metepec", state: "Estado de México", timeZone: "America/Mexico_City",
            utcOffsetMinutes: -360, folioPrefix: "AUD", followUpWorkingDays: 10),
        schedule: Schedule(
            hearing: .init(weekday: 2, start: TimeOfDay(minutes: 600), end: TimeOfDay(minutes: 840),
                           checkInOpensMinutesBefore: 30, defaultTurnMinutes: 6),
            permanentChannel: .init(weekdays: [1, 2, 3, 4, 5], start: TimeOfDay(minutes: 540),
                                    end: TimeOfDay(minutes: 1080)),
            holidays: [
                CivilDate(year: 2026, month: 11, day: 16),
                CivilDate(year: 2026, month: 12, day: 22),
                CivilDate(year: 2026, month: 12, day: 25),
                CivilDate(year: 2027, month: 1, day: 1),
            ]),
        departments: [
            Department(id: agua, name: "Organismo de Agua Potable, Alcantarillado y Saneamiento de Metepec",
                       shortName: "Agua Potable"),
            Department(id: obras, name: "Dirección de Obras Públicas", shortName: "Obras Públicas"),
            Department(id: tesoreria, name: "Tesorería Municipal", shortName: "Tesorería y Predial"),
        ],
        officials: [
            Official(id: mayor, name: "Mariana Sotelo Arriaga", role: .mayor,
                     title: "Presidenta Municipal", departmentID: nil),
            Official(id: dirAgua, name: "Rodrigo Alcántara Nava", role: .director,
                     title: "Director General del Organismo de Agua Potable", departmentID: agua),
            Official(id: dirObras, name: "Claudia Ivonne Becerril Orozco", role: .director,
                     title: "Directora de Obras Públicas", departmentID: obras),
            Official(id: dirTesoreria, name: "Verónica Lara Mejía", role: .director,
                     title: "Tesorera Municipal", departmentID: tesoreria),
            Official(id: moderator, name: "Daniela Ortiz Velázquez", role: .moderator,
                     title: "Moderadora de la Audiencia", departmentID: nil),
        ],
        services: [
            Service(id: fuga, name: "Reporte de fuga de agua potable", departmentID: agua,
                    summary: "Reporta una fuga.",
                    steps: [
                        GuidanceStep(stage: .waiting, title: "Ubica la fuga con precisión", detail: "Calle y número."),
                        GuidanceStep(stage: .floor, title: "Describe la fuga", detail: "Desde cuándo ocurre."),
                        GuidanceStep(stage: .outcome, title: "Recibe la fecha de atención", detail: "Con tu folio."),
                    ]),
            Service(id: faltaAgua, name: "Falta de agua o baja presión", departmentID: agua,
                    summary: "Revisión del suministro.",
                    steps: [
                        GuidanceStep(stage: .waiting, title: "Ten tu número de contrato", detail: "En tu recibo."),
                        GuidanceStep(stage: .floor, title: "Explica el problema", detail: "Días sin servicio."),
                    ]),
            Service(id: bacheo, name: "Bacheo y reparación de calles", departmentID: obras,
                    summary: "Reporta baches.",
                    steps: [
                        GuidanceStep(stage: .waiting, title: "Ten fotos del bache", detail: "Con un objeto de referencia."),
                        GuidanceStep(stage: .floor, title: "Describe el riesgo", detail: "Accidentes, rutas escolares."),
                        GuidanceStep(stage: .outcome, title: "Recibe la programación", detail: "Cuadrilla."),
                    ]),
            Service(id: predial, name: "Pago y aclaración de predial", departmentID: tesoreria,
                    summary: "Dudas de predial.",
                    steps: [
                        GuidanceStep(stage: .waiting, title: "Ten tu clave catastral", detail: "En tu recibo."),
                        GuidanceStep(stage: .outcome, title: "Recibe tu línea de captura", detail: "Paga en banco."),
                    ]),
        ],
        colonias: [
            Colonia(id: sanMateo, name: "Barrio de San Mateo", kind: "barrio"),
            Colonia(id: tizatlalli, name: "San Salvador Tizatlalli", kind: "pueblo"),
            Colonia(id: casaBlanca, name: "Casa Blanca", kind: "fraccionamiento"),
        ],
        privacy: PrivacyNotice(version: noticeVersion, responsible: "H. Ayuntamiento de Metepec",
                               simplified: "Aviso simplificado.", fullURL: "/aviso/aviso-integral.html"),
        guidance: GuidanceTemplates(templates: guidanceTemplates, channel: channelTemplates))

    static var clock: LocalClock { catalog.clock }

    // MARK: Time

    /// The instant of local `hh:mm[:ss]` on `date` (Metepec, UTC−6).
    static func at(_ time: String, on date: CivilDate = tuesday, plusSeconds: Int64 = 0) -> Instant {
        let parts = time.split(separator: ":").map { Int($0)! }
        let base = clock.instant(on: date, at: TimeOfDay(minutes: parts[0] * 60 + parts[1]))
        let seconds = (parts.count > 2 ? Int64(parts[2]) : 0) + plusSeconds
        return base.adding(seconds: seconds)
    }

    // MARK: Forms

    static func form(
        name: String = "María López", colonia: ColoniaID = sanMateo, contact: String? = "722 000 0000",
        service: ServiceID = fuga, description: String = "Fuga en la calle Juárez desde hace 3 días",
        consent: Bool = true, version: String = noticeVersion
    ) -> CheckInForm {
        CheckInForm(consentAccepted: consent, noticeVersion: version, name: name, coloniaID: colonia,
                    contact: contact, serviceID: service, description: description)
    }

    static func folio(_ n: Int, year: Int = 2026) -> Folio { Folio(prefix: "AUD", year: year, number: n) }
}

/// Connection ids used throughout: officials 1–5, viewers 9x, citizens 100+.
enum Conn {
    static let moderator = ConnectionID(1)
    static let mayor = ConnectionID(2)
    static let dirAgua = ConnectionID(3)
    static let dirObras = ConnectionID(4)
    static let dirTesoreria = ConnectionID(5)
    static let viewer = ConnectionID(90)
    static func citizen(_ n: Int) -> ConnectionID { ConnectionID(UInt64(100 + n)) }
}

/// A hearing plus shorthands for sending inputs. What the journal would keep is collected
/// in `journal`, and left out of the effects the shorthands return.
struct Room {
    var hearing: Hearing
    private(set) var journal: [JournalEntry] = []

    init(lastFolio: Folio? = nil, catalog: Catalog = Fixtures.catalog) {
        hearing = Hearing(catalog: catalog, lastFolio: lastFolio)
    }

    /// A room whose session the schedule opened in check-in at 09:30 and made live at 10:00.
    static func live(on date: CivilDate = Fixtures.tuesday, lastFolio: Folio? = nil) -> Room {
        var room = Room(lastFolio: lastFolio)
        room.tick(Fixtures.at("09:30", on: date))
        room.tick(Fixtures.at("10:00", on: date))
        precondition(room.hearing.session?.phase == .live)
        return room
    }

    /// A room whose session is open for check-in only (09:30).
    static func checkIn(on date: CivilDate = Fixtures.tuesday) -> Room {
        var room = Room()
        room.tick(Fixtures.at("09:30", on: date))
        precondition(room.hearing.session?.phase == .checkIn)
        return room
    }

    @discardableResult
    mutating func tick(_ now: Instant) -> [Effect] { handle(.clockTicked, at: now) }

    /// Handles `input`, keeping its journal entries aside, and turning a console refresh into
    /// the console it stands for, as the adapter does.
    mutating func handle(_ input: Input, at now: Instant) -> [Effect] {
        var others: [Effect] = []
        for effect in hearing.handle(input, at: now) {
            switch effect {
            case .journal(let entry): journal.append(entry)
            case .refreshConsoles: others.append(.send(.console(hearing.consoleState(at: now)), to: .officials))
            default: others.append(effect)
            }
        }
        return others
    }

    @discardableResult
    mutating func checkIn(
        _ n: Int, _ form: CheckInForm = Fixtures.form(), token: String? = nil, bound: Folio? = nil,
        ref: String? = nil, at now: Instant
    ) -> [Effect] {
        handle(.citizen(.checkIn(form, resumeToken: token ?? "token-\(n)"), folio: bound,
                                Conn.citizen(n), ref: ref), at: now)
    }

    @discardableResult
    mutating func leave(_ n: Int, folio: Folio?, ref: String? = nil, at now: Instant) -> [Effect] {
        handle(.citizen(.leave, folio: folio, Conn.citizen(n), ref: ref), at: now)
    }

    @discardableResult
    mutating func official(
        _ command: OfficialCommand, by id: OfficialID = Fixtures.moderator, conn: ConnectionID? = nil,
        ref: String? = "r", at now: Instant
    ) -> [Effect] {
        handle(.official(command, by: id, conn ?? Room.connection(of: id), ref: ref), at: now)
    }

    @discardableResult
    mutating func callNext(with id: OfficialID? = nil, at now: Instant) -> [Effect] {
        official(.callNext(officialID: id), at: now)
    }

    @discardableResult
    mutating func answer(_ folio: Folio, _ text: String = "Se envía cuadrilla hoy.",
                         by id: OfficialID, at now: Instant) -> [Effect] {
        official(.recordOutcome(folio: folio, .answeredNow(answer: text)), by: id, at: now)
    }

    static func connection(of id: OfficialID) -> ConnectionID {
        switch id {
        case Fixtures.moderator: Conn.moderator
        case Fixtures.mayor: Conn.mayor
        case Fixtures.dirAgua: Conn.dirAgua
        case Fixtures.dirObras: Conn.dirObras
        case Fixtures.dirTesoreria: Conn.dirTesoreria
        default: ConnectionID(77)
        }
    }

    /// The parts of the state a refused order must leave untouched.
    var snapshot: StateSnapshot {
        StateSnapshot(session: hearing.session, petitions: hearing.petitions, checkInOrder: hearing.checkInOrder,
                      queue: hearing.queue, floor: hearing.floor, turns: hearing.turns,
                      timeline: hearing.timeline, feedSeq: hearing.feedSeq,
                      folioYear: hearing.folioYear, folioNumber: hearing.folioNumber,
                      announcements: hearing.announcements)
    }
}

struct StateSnapshot: Equatable {
    var session: SessionInfo?
    var petitions: [Folio: Petition]
    var checkInOrder: [Folio]
    var queue: [Folio]
    var floor: Floor?
    var turns: [Turn]
    var timeline: [TimelineEntry]
    var feedSeq: Int
    var folioYear: Int
    var folioNumber: Int
    var announcements: [Announcement]
}

// MARK: Picking effects apart

extension Array where Element == Effect {
    var published: [FeedEvent] {
        compactMap { if case .publish(let event) = $0 { event } else { nil } }
    }

    var archives: [SessionArchive] {
        compactMap { if case .archive(let archive) = $0 { archive } else { nil } }
    }

    /// Guidance sent to the citizen holding `folio`, in order.
    func guidance(to folio: Folio) -> [Guidance] {
        compactMap {
            if case .send(.guidance(let g), to: .citizen(let f)) = $0, f == folio { g } else { nil }
        }
    }

    /// Every guidance message, in order.
    var allGuidance: [Guidance] {
        compactMap { if case .send(.guidance(let g), _) = $0 { g } else { nil } }
    }

    var errors: [HearingError] {
        compactMap { if case .send(.error(let e, _), _) = $0 { e } else { nil } }
    }

    var consoles: [ConsoleState] {
        compactMap { if case .send(.console(let c), to: .officials) = $0 { c } else { nil } }
    }

    func floorBriefs(to id: OfficialID) -> [FloorBrief] {
        compactMap {
            if case .send(.floorBrief(let b), to: .official(let o)) = $0, o == id { b } else { nil }
        }
    }

    var receipt: CheckInReceipt? {
        for effect in self { if case .send(.checkInAccepted(let r, _), _) = effect { return r } }
        return nil
    }

    var isOk: Bool { if case .send(.ok, _)? = last { true } else { false } }
}

/// Everything `dump` prints for `value`: every stored property, however deep.
func dumped<T>(_ value: T) -> String {
    var text = ""
    dump(value, to: &text)
    return text + "\n" + String(describing: value)
}
