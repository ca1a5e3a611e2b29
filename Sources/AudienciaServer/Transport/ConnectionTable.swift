import AudienciaCore

/// Every connection's transport state in one block of structs, by slot number. lws's
/// per-session data holds the slot, so a writable callback, and the feed's wave (one write per
/// viewer per wake), reach their connection with one multiplication: no dictionary lookup, no
/// class to retain and release, no exclusivity check on a stored collection. The hearing names
/// connections by `ConnectionID`; those calls (a reply, a snapshot, a close) go through `slots`.
///
/// Slots are reused through a free list, so the block grows only with the most connections
/// held at once. Every slot below `highWater` is initialized, occupied or vacant. A pointer
/// from `connection(at:)` is valid until the next `insert` (which may move the block): use it
/// within one callback, never across one that can accept a connection.
final class ConnectionTable {
    private var storage: UnsafeMutablePointer<TransportConnection>
    private var capacity: Int
    /// Slots initialized so far.
    private(set) var highWater = 0
    private var free: [Int] = []
    private var slots: [ConnectionID: Int] = [:]

    init(capacity: Int = 64) {
        self.capacity = max(capacity, 1)
        storage = .allocate(capacity: self.capacity)
    }

    deinit {
        storage.deinitialize(count: highWater)
        storage.deallocate()
    }

    var isEmpty: Bool { slots.isEmpty }
    var count: Int { slots.count }

    /// The occupied connections' ids, for walks that may close some of them.
    var ids: [ConnectionID] { Array(slots.keys) }

    /// Takes a free slot (or a new one) for `connection` and returns its number.
    func insert(_ connection: TransportConnection) -> Int {
        let slot: Int
        if let reused = free.popLast() {
            slot = reused
            storage[slot] = connection
        } else {
            if highWater == capacity { grow() }
            slot = highWater
            (storage + slot).initialize(to: connection)
            highWater += 1
        }
        slots[connection.id] = slot
        return slot
    }

    /// The occupied slot of `id`, or nil once it is closed.
    func slot(of id: ConnectionID) -> Int? { slots[id] }

    /// The state in `slot`, changed in place. `slot` must be below `highWater`.
    func connection(at slot: Int) -> UnsafeMutablePointer<TransportConnection> {
        precondition(slot >= 0 && slot < highWater, "connection slot out of range")
        return storage + slot
    }

    /// Frees `slot`; its state is let go of at once.
    func remove(slot: Int) {
        let connection = self.connection(at: slot)
        guard !connection.pointee.isVacant else { return }
        slots[connection.pointee.id] = nil
        connection.pointee.vacate()
        free.append(slot)
    }

    private func grow() {
        let larger = UnsafeMutablePointer<TransportConnection>.allocate(capacity: capacity * 2)
        larger.moveInitialize(from: storage, count: highWater)
        storage.deallocate()
        storage = larger
        capacity *= 2
    }
}
