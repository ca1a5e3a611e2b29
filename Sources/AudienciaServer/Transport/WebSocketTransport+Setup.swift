import CLibWebSockets

/// What the context is created from: the protocols and the mounts, in memory the transport
/// keeps until `lws_context_destroy` (GUIDE: lws keeps pointers to all of it).
extension WebSocketTransport {
    func describeProtocols() {
        protocols[0] = lws_protocols()
        protocols[0].name = strings.keep("http")
        protocols[0].callback = httpProtocolCallback
        protocols[1] = lws_protocols()
        protocols[1].name = strings.keep(Self.subprotocol)
        protocols[1].callback = audienciaProtocolCallback
        protocols[1].per_session_data_size = MemoryLayout<UInt64>.size
        // Every connection holds this much for what it sends; people send little, so it is
        // small, and a longer message simply arrives in several pieces (MessageAssembler).
        protocols[1].rx_buffer_size = options.receiveBufferBytes
        // lws sends at most tx_packet_size per send(), or rx_buffer_size when it is 0, and keeps
        // the rest in a list drained one piece per POLLOUT: with a 1 KiB receive buffer a 64 KiB
        // batch took 64 passes of the loop and held everyone's writes behind it.
        protocols[1].tx_packet_size = Self.writeBatchBytes
        protocols[2] = lws_protocols()  // terminator
    }

    /// Static file mounts, then one callback mount per dynamic route (served by `http` below).
    func describeMounts() {
        let all = options.allMounts
        for (index, mount) in all.enumerated() {
            var m = lws_http_mount()
            m.mount_next = index + 1 < all.count ? UnsafePointer(mounts + index + 1) : nil
            m.mountpoint = strings.keep(mount.point)
            m.mountpoint_len = UInt8(mount.point.utf8.count)
            if let directory = mount.directory {
                m.origin = strings.keep(directory)
                m.def = strings.keep("index.html")
                m.origin_protocol = UInt8(LWSMPRO_FILE.rawValue)
            } else {
                m.protocol = strings.keep("http")
                m.origin_protocol = UInt8(LWSMPRO_CALLBACK.rawValue)
            }
            (mounts + index).initialize(to: m)
        }
    }
}
