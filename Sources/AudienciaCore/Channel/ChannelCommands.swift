/// A change an official asks for on one petition of the channel.
public enum ChannelUpdateForm: Sendable, Equatable {
    /// Take it up: a commitment and the date it will be met.
    case inProcess(commitment: String, dueDate: CivilDate)
    case answered(answer: String)
    /// Hand it to another department, saying why.
    case transferred(to: DepartmentID, note: String)
}

/// Orders an authenticated official can give to the channel.
public enum ChannelCommand: Sendable, Equatable {
    /// The official's backlog: their department's open petitions (every department for the mayor).
    case backlog
    case update(Folio, ChannelUpdateForm)
}

/// Everything that can happen to the permanent channel.
public enum ChannelInput: Sendable, Equatable {
    /// A citizen checks in outside the hearing. `resumeToken` is minted by the adapter;
    /// `lastFolio` is the last folio issued anywhere (the hearing shares the numbering).
    case checkIn(CheckInForm, resumeToken: String, lastFolio: Folio?, ConnectionID, ref: String?)
    /// A hearing left this petition open: in process, or carried on for the channel.
    case handedOver(Petition, Resolution, sessionID: String)
    /// Someone asks how a folio is doing; with the resume code they see the notes too, and a
    /// citizen connection (`follow`) is told of every change from then on.
    case statusAsked(Folio, resumeCode: String?, follow: Bool, ConnectionID, ref: String?)
    case official(ChannelCommand, by: OfficialID, ConnectionID, ref: String?)
    /// ARCO on a petition of the channel, proven with its resume token.
    case arco(ArcoRequest, folio: Folio, resumeToken: String, ConnectionID, ref: String?)
}
