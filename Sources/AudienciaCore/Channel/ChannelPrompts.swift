/// What the channel tells a citizen, in plain Spanish: the next step for each status, and
/// when the office will look at the petition (office hours and holidays from the seeds).
struct ChannelPrompts {
    let receivedNote = "Petición recibida en el canal permanente."
    let hearingNote = "Petición registrada en la audiencia pública."

    func handedOverNote(_ resolution: Resolution) -> String {
        switch resolution {
        case .noShow: "Llegó de la audiencia pública: no estuvo presente al ser llamada."
        case .left: "Llegó de la audiencia pública: salió de la fila."
        case .carriedForward: "Llegó de la audiencia pública: la sesión cerró antes de su turno."
        case .answeredNow, .inProcess: "Llegó de la audiencia pública."
        }
    }

    /// "hoy mismo" while the office is open, else "el lunes 30 de noviembre a partir de las 9:00".
    func reviewWhen(_ hours: OfficeHours, at now: Instant) -> String {
        guard let opening = hours.nextOpening(after: now) else { return "hoy mismo, en horario de atención" }
        return "el \(SpanishDate.long(opening.date)) a partir de las \(opening.time)"
    }

    func nextStep(for petition: ChannelPetition, department: String, withNotes: Bool,
                  hours: OfficeHours, at now: Instant) -> String {
        let folio = petition.folio.rawValue
        let due = petition.dueDate.map { SpanishDate.long($0) } ?? "por definir"
        let note = petition.history.last?.note ?? ""
        switch petition.history.last?.kind {
        case .inProcess:
            let commitment = withNotes ? " Compromiso: \(note)." : ""
            return "Tu petición \(folio) está en proceso con \(department).\(commitment) Fecha compromiso: \(due). Aquí verás la respuesta en cuanto llegue."
        case .answered:
            let answer = withNotes ? ": «\(note)»" : "."
            return "Tu petición \(folio) fue respondida por \(department)\(answer) Si necesitas algo más, registra una nueva petición."
        case .transferred:
            return "Tu petición \(folio) se turnó a \(department), que la revisará \(reviewWhen(hours, at: now)). Fecha compromiso: \(due)."
        case .received, nil:
            return "Tu petición \(folio) está registrada con \(department), que la revisará \(reviewWhen(hours, at: now)). Fecha compromiso de respuesta: \(due). Guarda tu folio y tu código para consultar el avance."
        }
    }
}

extension Channel {
    var prompts: ChannelPrompts { ChannelPrompts() }
}
