/// Recovery: the journal's entries applied through the same `apply` the live path uses, so
/// a restarted server holds exactly the room it had, without sending anything.
extension Hearing {
    public mutating func replay<Entries: Sequence>(_ entries: Entries) where Entries.Element == JournalEntry {
        for entry in entries { apply(entry.fact, at: entry.at) }
        // Between inputs every waiting citizen has been told their current place; the
        // restored room starts from the same point, so nobody is told it twice.
        queueTold()
    }

    /// The room restored from earlier sessions' history and the current journal.
    public static func restored<Entries: Sequence>(
        catalog: Catalog, history: HearingHistory, journal: Entries
    ) -> Hearing where Entries.Element == JournalEntry {
        var hearing = Hearing(catalog: catalog, history: history)
        hearing.replay(journal)
        return hearing
    }

    /// The archive of the last session, if the journal ends with its close: a restart between
    /// the close and the archive's writing must still produce it.
    public var archiveOfClosedSession: SessionArchive? {
        guard let session, session.phase == .closed, let closedAt = session.closedAt else { return nil }
        return archive(at: closedAt)
    }
}
