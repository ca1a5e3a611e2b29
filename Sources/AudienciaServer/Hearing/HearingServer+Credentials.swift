import AudienciaCore
import AudienciaWire

/// Officials' credentials while connected: a console stays open only while its token is
/// unexpired and unrevoked. Personal data stops flowing the moment either ends.
extension HearingServer {
    /// Checks a `hello`'s token: genuine, unexpired, unrevoked, naming an official of the seeds.
    func admitOfficial(_ id: ConnectionID, token: String) throws(WireError) -> OfficialTokens.Claims {
        let claims: OfficialTokens.Claims
        do {
            claims = try tokens.verify(token, now: seconds())
        } catch {
            throw error == .expired ? .tokenExpired : .invalidToken
        }
        guard hearing.catalog.official(claims.officialID) != nil else { throw .invalidToken }
        guard !revocations.list.isRevoked(claims) else { throw .tokenRevoked }
        credentials[id] = claims
        return claims
    }

    /// On every tick: consoles whose token expired (4003) or was revoked (4005) are closed.
    func closeLapsedConsoles() {
        let now = seconds()
        for id in registry.expiredOfficials(at: now) {
            endConsole(id, WireError.tokenExpired, code: CloseCode.tokenExpired, reason: "credencial expirada")
        }
        let changed: Bool
        do {
            changed = try revocations.refresh()
        } catch {
            logger.error("No se pudo leer la lista de revocación; sigue en vigor la anterior: \(error)")
            return
        }
        guard changed else { return }
        logger.info("Lista de revocación actualizada.")
        for (id, claims) in credentials where revocations.list.isRevoked(claims) {
            endConsole(id, WireError.tokenRevoked, code: CloseCode.tokenRevoked, reason: "credencial revocada")
        }
    }

    private func endConsole(_ id: ConnectionID, _ error: WireError, code: UInt16, reason: String) {
        // Off the officials' list first, so not one more console message reaches it.
        registry.close(id)
        credentials[id] = nil
        reply(id, ServerEncoder.error(error, ref: nil))
        deliver(.close(id, code: code, reason: reason))
    }
}
