/// What the channel tells a citizen: the seeds' channel texts (`seeds/guidance.json`) filled
/// with the petition's folio, department, dates and, for its owner, the officials' notes;
/// office hours and holidays come from the seeds' schedule.
struct ChannelPrompts {
    let templates: GuidanceTemplates
    let schedule: Schedule

    var receivedNote: String { templates.render(.receivedNote) }
    var hearingNote: String { templates.render(.hearingNote) }

    func handedOverNote(_ resolution: Resolution) -> String {
        switch resolution {
        case .noShow: templates.render(.noShowNote)
        case .left: templates.render(.leftNote)
        case .carriedForward: templates.render(.carriedForwardNote)
        case .answeredNow, .inProcess: hearingNote
        }
    }

    /// "hoy mismo" while the office is open, else "el lunes 30 de noviembre a partir de las 9:00".
    func reviewWhen(_ hours: OfficeHours, at now: Instant) -> String {
        guard let opening = hours.nextOpening(after: now) else {
            return templates.render(.reviewToday, ["channelHours": schedule.permanentChannelHours])
        }
        return templates.render(.reviewOn, ["date": SpanishDate.long(opening.date), "time": "\(opening.time)",
                                            "channelHours": schedule.permanentChannelHours])
    }

    func nextStep(for petition: ChannelPetition, department: String, withNotes: Bool,
                  hours: OfficeHours, at now: Instant) -> String {
        let key: ChannelPromptKey = switch petition.history.last?.kind {
        case .inProcess: withNotes ? .inProcess : .inProcessPublic
        case .answered: withNotes ? .answered : .answeredPublic
        case .transferred: .transferred
        case .received, nil: .received
        }
        let note = petition.history.last?.note ?? ""
        return PromptTemplate.fill(templates.channel[key] ?? "") { name in
            switch name {
            case "folio": petition.folio.rawValue
            case "department": department
            case "dueDate": petition.dueDate.map { SpanishDate.long($0) } ?? templates.render(.dueDateUndefined)
            case "review": reviewWhen(hours, at: now)
            case "channelHours": schedule.permanentChannelHours
            case "commitment", "answer": withNotes ? note : nil
            default: nil
            }
        }
    }
}

extension Channel {
    var prompts: ChannelPrompts { ChannelPrompts(templates: catalog.guidance, schedule: catalog.schedule) }
}
