/// Who a message is for. The core names people, not sockets; the adapter knows which
/// connections belong to whom.
public enum Recipient: Sendable, Equatable {
    case connection(ConnectionID)
    /// Every connection of the citizen holding this folio.
    case citizen(Folio)
    /// Every connection of this official.
    case official(OfficialID)
    /// Every authenticated official's connection.
    case officials
}

/// What a connection turned out to be, once the core accepted it.
public enum Binding: Sendable, Equatable {
    case citizen(Folio)
    case official(OfficialID)
    case viewer
}

/// Everything the core wants done, as data. The adapter carries these out in order.
public enum Effect: Sendable, Equatable {
    /// Append to the write-ahead journal. An input's journal effects come first, and nothing
    /// after them may leave the server until they are durable.
    case journal(JournalEntry)
    case bind(ConnectionID, Binding)
    case send(ServerMessage, to: Recipient)
    /// One event for every viewer; serialised once by the adapter.
    case publish(FeedEvent)
    /// The room changed: officials' consoles need `consoleState`. The adapter builds it once,
    /// only when an official is connected, and may fold several refreshes into one, since a
    /// console is always the whole room.
    case refreshConsoles
    /// The session closed: write its public and protected records.
    case archive(SessionArchive)
}
