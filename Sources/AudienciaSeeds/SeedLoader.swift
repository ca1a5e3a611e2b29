import AudienciaCore
import AudienciaJSON
import Foundation

/// Reads a municipality's `seeds/` folder into a `Catalog`, checking every cross-reference,
/// so a typo in the seeds stops the server at start-up with the file and field named instead
/// of surfacing mid-hearing.
public enum SeedLoader {
    public static func load(from directory: URL) throws(SeedError) -> Catalog {
        let municipality = try loadMunicipality(SeedFile(directory: directory, name: "municipality.json"))
        let schedule = try loadSchedule(SeedFile(directory: directory, name: "schedule.json"))
        let departments = try loadDepartments(SeedFile(directory: directory, name: "departments.json"))
        let departmentIDs = Set(departments.map(\.id))
        let officials = try loadOfficials(SeedFile(directory: directory, name: "officials.json"),
                                          departments: departmentIDs)
        let services = try loadServices(SeedFile(directory: directory, name: "services.json"),
                                        departments: departmentIDs)
        let colonias = try loadColonias(SeedFile(directory: directory, name: "colonias.json"))
        let privacy = try loadPrivacy(SeedFile(directory: directory, name: "privacy.json"))
        let guidance = try loadGuidance(SeedFile(directory: directory, name: "guidance.json"))
        return Catalog(municipality: municipality, schedule: schedule, departments: departments,
                       officials: officials, services: services, colonias: colonias,
                       privacy: privacy, guidance: guidance)
    }

    static func loadMunicipality(_ file: SeedFile) throws(SeedError) -> Municipality {
        let o = try file.object(file.root, "")
        return Municipality(
            name: try file.string(o, "name", ""), state: try file.string(o, "state", ""),
            timeZone: try file.string(o, "timeZone", ""),
            utcOffsetMinutes: try file.int(o, "utcOffsetMinutes", ""),
            folioPrefix: try file.string(o, "folioPrefix", ""),
            followUpWorkingDays: try file.int(o, "followUpWorkingDays", ""))
    }

    static func loadSchedule(_ file: SeedFile) throws(SeedError) -> Schedule {
        let o = try file.object(file.root, "")
        let h = try file.object(o["hearing"], "hearing")
        let c = try file.object(o["permanentChannel"], "permanentChannel")
        let weekday = try file.int(h, "weekday", "hearing")
        guard (1...7).contains(weekday) else { throw file.fail("hearing.weekday", "expected 1 (Monday) … 7 (Sunday)") }
        let hearing = Schedule.Hearing(
            weekday: weekday, start: try time(file, h, "start", "hearing"),
            end: try time(file, h, "end", "hearing"),
            checkInOpensMinutesBefore: try file.int(h, "checkInOpensMinutesBefore", "hearing"),
            defaultTurnMinutes: try file.int(h, "defaultTurnMinutes", "hearing"))
        guard hearing.start < hearing.end else { throw file.fail("hearing", "start must be before end") }
        var weekdays: [Int] = []
        for (index, day) in try file.array(c["weekdays"], "permanentChannel.weekdays").enumerated() {
            guard let day = day.int, (1...7).contains(day) else {
                throw file.fail("permanentChannel.weekdays[\(index)]", "expected 1 … 7")
            }
            weekdays.append(Int(day))
        }
        var holidays = Set<CivilDate>()
        for (index, day) in try file.array(o["holidays"], "holidays").enumerated() {
            guard let text = day.string, let date = CivilDate(text) else {
                throw file.fail("holidays[\(index)]", "expected a date YYYY-MM-DD")
            }
            holidays.insert(date)
        }
        return Schedule(
            hearing: hearing,
            permanentChannel: Schedule.Channel(weekdays: weekdays, start: try time(file, c, "start", "permanentChannel"),
                                               end: try time(file, c, "end", "permanentChannel")),
            holidays: holidays)
    }

    private static func time(_ file: SeedFile, _ o: JSONObject, _ key: String, _ path: String) throws(SeedError) -> TimeOfDay {
        guard let time = TimeOfDay(try file.string(o, key, path)) else {
            throw file.fail("\(path).\(key)", "expected a time HH:MM")
        }
        return time
    }

    static func loadDepartments(_ file: SeedFile) throws(SeedError) -> [Department] {
        try uniqueItems(file) { o, path throws(SeedError) in
            Department(id: DepartmentID(try file.string(o, "id", path)), name: try file.string(o, "name", path),
                       shortName: try file.string(o, "shortName", path))
        } id: { $0.id.rawValue }
    }

    static func loadOfficials(_ file: SeedFile, departments: Set<DepartmentID>) throws(SeedError) -> [Official] {
        try uniqueItems(file) { o, path throws(SeedError) in
            let roleText = try file.string(o, "role", path)
            guard let role = OfficialRole(rawValue: roleText) else {
                throw file.fail("\(path).role", "expected mayor, director or moderator")
            }
            let department = try file.optionalString(o, "departmentId", path).map { DepartmentID($0) }
            if let department, !departments.contains(department) {
                throw file.fail("\(path).departmentId", "no department \"\(department)\" in departments.json")
            }
            if role == .director && department == nil {
                throw file.fail("\(path).departmentId", "a director needs a department")
            }
            return Official(id: OfficialID(try file.string(o, "id", path)), name: try file.string(o, "name", path),
                            role: role, title: try file.string(o, "title", path), departmentID: department)
        } id: { $0.id.rawValue }
    }

    static func loadServices(_ file: SeedFile, departments: Set<DepartmentID>) throws(SeedError) -> [Service] {
        try uniqueItems(file) { o, path throws(SeedError) in
            let department = DepartmentID(try file.string(o, "departmentId", path))
            guard departments.contains(department) else {
                throw file.fail("\(path).departmentId", "no department \"\(department)\" in departments.json")
            }
            var steps: [GuidanceStep] = []
            for (index, item) in try file.array(o["steps"], "\(path).steps").enumerated() {
                let stepPath = "\(path).steps[\(index)]"
                let s = try file.object(item, stepPath)
                guard let stage = GuidanceStage(rawValue: try file.string(s, "stage", stepPath)) else {
                    throw file.fail("\(stepPath).stage", "expected one of waiting, floor, outcome")
                }
                if let previous = steps.last?.stage, stage < previous {
                    throw file.fail("\(stepPath).stage", "steps must go waiting, then floor, then outcome")
                }
                steps.append(GuidanceStep(stage: stage, title: try file.string(s, "title", stepPath),
                                          detail: try file.string(s, "detail", stepPath)))
            }
            guard !steps.isEmpty else { throw file.fail("\(path).steps", "a service needs at least one step") }
            return Service(id: ServiceID(try file.string(o, "id", path)), name: try file.string(o, "name", path),
                           departmentID: department, summary: try file.string(o, "summary", path), steps: steps)
        } id: { $0.id.rawValue }
    }

    static func loadColonias(_ file: SeedFile) throws(SeedError) -> [Colonia] {
        try uniqueItems(file) { o, path throws(SeedError) in
            Colonia(id: ColoniaID(try file.string(o, "id", path)), name: try file.string(o, "name", path),
                    kind: try file.string(o, "kind", path))
        } id: { $0.id.rawValue }
    }

    /// Retention shorter than a month would destroy records before an in-process petition
    /// is even due; longer than ten years keeps personal data far past any need.
    static let retentionDays = 30...3650

    static func loadPrivacy(_ file: SeedFile) throws(SeedError) -> PrivacyNotice {
        let o = try file.object(file.root, "")
        let retention = try file.int(o, "retentionDays", "")
        guard retentionDays.contains(retention) else {
            throw file.fail("retentionDays", "expected between \(retentionDays.lowerBound) and \(retentionDays.upperBound) days")
        }
        let sensitive = try file.object(o["sensitive"], "sensitive")
        var reasons: [PriorityReason] = []
        for (index, value) in try file.array(sensitive["priorityReasons"], "sensitive.priorityReasons").enumerated() {
            let path = "sensitive.priorityReasons[\(index)]"
            let item = try file.object(value, path)
            let reason = PriorityReason(id: PriorityReasonID(try file.string(item, "id", path)),
                                        label: try file.string(item, "label", path))
            guard !reasons.contains(where: { $0.id == reason.id }) else {
                throw file.fail("\(path).id", "duplicate id \"\(reason.id)\"")
            }
            reasons.append(reason)
        }
        guard !reasons.isEmpty else { throw file.fail("sensitive.priorityReasons", "expected at least one reason") }
        return PrivacyNotice(version: try file.string(o, "version", ""),
                             responsible: try file.string(o, "responsible", ""),
                             simplified: try file.string(o, "simplified", ""),
                             fullURL: try file.string(o, "fullUrl", ""),
                             sensitive: SensitiveDataPolicy(priorityReasons: reasons,
                                                            consentText: try file.string(sensitive, "consentText", "sensitive")),
                             retentionDays: retention)
    }

    /// Decodes an array of objects and refuses duplicate ids.
    private static func uniqueItems<T>(
        _ file: SeedFile, _ decode: (JSONObject, String) throws(SeedError) -> T, id: (T) -> String
    ) throws(SeedError) -> [T] {
        var items: [T] = []
        var seen = Set<String>()
        for (index, value) in try file.array(file.root, "").enumerated() {
            let path = "[\(index)]"
            let item = try decode(try file.object(value, path), path)
            guard seen.insert(id(item)).inserted else { throw file.fail("\(path).id", "duplicate id \"\(id(item))\"") }
            items.append(item)
        }
        guard !items.isEmpty else { throw file.fail("", "expected at least one entry") }
        return items
    }
}
