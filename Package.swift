// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Audiencia",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "audiencia", targets: ["audiencia"]),
    ],
    dependencies: [
        // The CLI's subcommands and flags (serve, token, …) with generated help.
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // Structured, levelled logging; Glibc's stderr is not safe to touch from Swift 6.
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
    ],
    targets: [
        // C libraries, each behind a system-library target with a small shim header.
        .systemLibrary(
            name: "CLibWebSockets", pkgConfig: "libwebsockets",
            providers: [.apt(["libwebsockets-dev"])]),
        .systemLibrary(
            name: "CJansson", pkgConfig: "jansson",
            providers: [.apt(["libjansson-dev"])]),
        // sys/epoll.h, which Glibc's Swift module leaves out (the load generator's viewers).
        .systemLibrary(name: "CEpoll"),
        .systemLibrary(
            name: "COpenSSL", pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]),

        // The hearing itself: pure value types, no I/O, no clock, no C.
        .target(name: "AudienciaCore"),
        // jansson behind a Swift value type; the only module that touches json_t.
        .target(name: "AudienciaJSON", dependencies: ["CJansson"]),
        // Protocol v1: JSON <-> typed commands and server messages; the archives' JSON.
        .target(name: "AudienciaWire", dependencies: ["AudienciaCore", "AudienciaJSON"]),
        // Reads and cross-checks the municipality's data (seeds/).
        .target(name: "AudienciaSeeds", dependencies: ["AudienciaCore", "AudienciaJSON"]),
        // The adapter: libwebsockets on one service thread, tokens, archive files.
        .target(
            name: "AudienciaServer",
            dependencies: [
                "AudienciaCore", "AudienciaJSON", "AudienciaWire", "AudienciaSeeds",
                "CLibWebSockets", "COpenSSL",
                .product(name: "Logging", package: "swift-log"),
            ]),
        // The fan-out benchmark's load generator: minimal WebSocket clients on epoll.
        .target(
            name: "AudienciaLoad",
            dependencies: ["AudienciaServer", "AudienciaSeeds", "AudienciaCore", "AudienciaJSON", "CEpoll"]),
        .executableTarget(
            name: "audiencia",
            dependencies: [
                "AudienciaServer", "AudienciaSeeds", "AudienciaCore", "AudienciaLoad",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]),

        .testTarget(name: "AudienciaCoreTests", dependencies: ["AudienciaCore"]),
        .testTarget(name: "AudienciaJSONTests", dependencies: ["AudienciaJSON"]),
        .testTarget(name: "AudienciaWireTests", dependencies: ["AudienciaWire", "AudienciaSeeds"]),
        .testTarget(
            name: "AudienciaServerTests",
            dependencies: ["AudienciaServer", "AudienciaSeeds", "AudienciaWire", "AudienciaJSON", "AudienciaLoad"]),
    ],
    swiftLanguageModes: [.v6]
)
