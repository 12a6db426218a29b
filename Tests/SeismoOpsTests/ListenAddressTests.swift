import SeismoOps
import Testing

@Suite struct ListenAddressTests {
    @Test(arguments: [
        ("127.0.0.1:9464", "127.0.0.1", 9464),
        ("localhost:0", "localhost", 0),
        ("[::1]:80", "::1", 80),
    ])
    func parsesHostAndPort(text: String, host: String, port: Int) throws {
        let address = try #require(ListenAddress(parsing: text))
        #expect(address.host == host)
        #expect(address.port == port)
        #expect(address.description == text)
    }

    @Test(arguments: ["9464", ":9464", "127.0.0.1:", "127.0.0.1:65536", "127.0.0.1:http", "host:-1"])
    func rejectsMalformed(text: String) {
        #expect(ListenAddress(parsing: text) == nil)
    }
}
