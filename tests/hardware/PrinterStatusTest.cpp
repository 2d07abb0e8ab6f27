#include "guichet/hardware/PrinterStatus.hpp"

#include "guichet/hardware/EscPos.hpp"

#include <atomic>
#include <catch2/catch.hpp>
#include <cstring>
#include <mutex>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

using namespace guichet;
using namespace guichet::hardware;

namespace {
// Status bytes of a healthy printer: bits 1 and 4 set, everything else clear.
constexpr std::uint8_t fine = 0x12;

Ticket ticket() {
    return Ticket{"Guichet", "A-007", {"1 lettre"}, "Merci"};
}

/// A network receipt printer on loopback: answers DLE EOT n with answers[n-1] (or stays silent when
/// `answers` is empty), keeps every other byte it receives. One connection at a time until stopped.
class LoopbackPrinter {
public:
    explicit LoopbackPrinter(std::vector<std::uint8_t> answers) : answers_(std::move(answers)) {
        listener_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        a.sin_port = 0;
        REQUIRE(::bind(listener_, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
        REQUIRE(::listen(listener_, 4) == 0);
        socklen_t len = sizeof a;
        ::getsockname(listener_, reinterpret_cast<sockaddr*>(&a), &len);
        port_ = ntohs(a.sin_port);
        thread_ = std::thread([this] { serve(); });
    }
    ~LoopbackPrinter() {
        stop_ = true;
        thread_.join();
        ::close(listener_);
    }
    int port() const { return port_; }
    std::string printed() {
        std::lock_guard lock(mutex_);
        return printed_;
    }
    int connections() const { return connections_; }

private:
    void serve() {
        while (!stop_) {
            pollfd p{listener_, POLLIN, 0};
            if (::poll(&p, 1, 20) <= 0) continue;
            int client = ::accept(listener_, nullptr, nullptr);
            if (client < 0) continue;
            ++connections_;
            std::string received;
            for (;;) {
                pollfd c{client, POLLIN, 0};
                if (::poll(&c, 1, 2000) <= 0) break;
                char buffer[4096];
                ssize_t n = ::read(client, buffer, sizeof buffer);
                if (n <= 0) break;
                received.append(buffer, static_cast<std::size_t>(n));
                // Answer every complete status query at the front, as a printer does in real time.
                while (received.size() >= 3 && received[0] == '\x10' && received[1] == '\x04') {
                    int which = received[2];
                    received.erase(0, 3);
                    if (!answers_.empty() && which >= 1 && which <= 4) {
                        char b = static_cast<char>(answers_[static_cast<std::size_t>(which - 1)]);
                        (void)::write(client, &b, 1);
                    }
                }
            }
            ::close(client);
            std::lock_guard lock(mutex_);
            printed_ += received;
        }
    }
    std::vector<std::uint8_t> answers_;
    int listener_ = -1;
    int port_ = 0;
    std::atomic<bool> stop_{false};
    std::atomic<int> connections_{0};
    std::mutex mutex_;
    std::string printed_;
    std::thread thread_;
};
} // namespace

TEST_CASE("the four DLE EOT answers are parsed into what the printer says") {
    CHECK(statusQuery(1) == std::string("\x10\x04\x01", 3));
    CHECK(statusQuery(4) == std::string("\x10\x04\x04", 3));

    auto ok = parseStatus({fine, fine, fine, fine});
    REQUIRE(ok);
    CHECK(*ok == PrinterStatus{});
    CHECK(readiness(*ok, "/dev/usb/lp0"));

    auto paperOut = parseStatus({fine | 0x08, fine | 0x20 | 0x40, fine, fine | 0x60});
    REQUIRE(paperOut);
    CHECK(paperOut->offline);
    CHECK(paperOut->paperOutStop);
    CHECK(paperOut->paperOut);
    CHECK_FALSE(paperOut->coverOpen);

    auto cover = parseStatus({fine | 0x08, fine | 0x04, fine, fine});
    REQUIRE(cover);
    CHECK(cover->coverOpen);

    auto nearEnd = parseStatus({fine, fine, fine, fine | 0x0C});
    REQUIRE(nearEnd);
    CHECK(nearEnd->paperNearEnd);
    CHECK(readiness(*nearEnd, "x")); // a near-empty roll still prints

    auto cutter = parseStatus({fine, fine | 0x40, fine | 0x08, fine});
    REQUIRE(cutter);
    CHECK(cutter->cutterError);

    CHECK_FALSE(parseStatus({0x00, fine, fine, fine}));        // bit 1 and 4 missing: not a status
    CHECK_FALSE(parseStatus({fine, fine, fine, fine | 0x80})); // bit 7 set: not a status
}

TEST_CASE("each printer problem is a message naming the device and what to do") {
    PrinterStatus s;
    s.paperOut = true;
    auto r = readiness(s, "/dev/usb/lp0");
    REQUIRE_FALSE(r);
    CHECK_THAT(r.error().message, Catch::Contains("/dev/usb/lp0") && Catch::Contains("out of paper") &&
                                      Catch::Contains("new roll"));
    s = {};
    s.coverOpen = true;
    s.offline = true;
    CHECK_THAT(readiness(s, "p").error().message, Catch::Contains("cover is open"));
    s = {};
    s.offline = true;
    CHECK_THAT(readiness(s, "p").error().message,
               Catch::Contains("offline") && Catch::Contains("switched on"));
}

TEST_CASE("a network printer on port 9100 gets the ticket after answering its status") {
    LoopbackPrinter server({fine, fine, fine, fine});
    NetworkEscPosPrinter printer("127.0.0.1", server.port());
    REQUIRE(printer.checkReady());
    REQUIRE(printer.print(ticket()));
    for (int i = 0; i < 200 && server.printed().size() < encodeEscPos(ticket()).size(); ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    CHECK(server.printed() == encodeEscPos(ticket()));
}

TEST_CASE("a network printer out of paper refuses the ticket and nothing is sent") {
    LoopbackPrinter server({fine | 0x08, fine | 0x20, fine, fine | 0x60});
    NetworkEscPosPrinter printer("127.0.0.1", server.port());
    auto r = printer.print(ticket());
    REQUIRE_FALSE(r);
    CHECK_THAT(r.error().message, Catch::Contains("127.0.0.1:" + std::to_string(server.port())) &&
                                      Catch::Contains("out of paper"));
    auto ready = printer.checkReady();
    REQUIRE_FALSE(ready);
    CHECK_THAT(ready.error().message, Catch::Contains("out of paper"));
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    CHECK(server.printed().empty());
}

TEST_CASE("a network printer that never answers status still prints") {
    LoopbackPrinter server({});
    NetworkEscPosPrinter printer("127.0.0.1", server.port(), 42, std::chrono::milliseconds(200));
    REQUIRE(printer.print(ticket()));
    for (int i = 0; i < 300 && server.printed().find("A-007") == std::string::npos; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    CHECK(server.printed() == encodeEscPos(ticket()));
}

TEST_CASE("a network printer that is off is named with what to check") {
    int port;
    {
        LoopbackPrinter closed({fine, fine, fine, fine});
        port = closed.port();
    } // the port is free again: nothing listens there
    NetworkEscPosPrinter printer("127.0.0.1", port, 42, std::chrono::milliseconds(300));
    auto r = printer.print(ticket());
    REQUIRE_FALSE(r);
    CHECK_THAT(r.error().message, Catch::Contains("127.0.0.1:" + std::to_string(port)) &&
                                      Catch::Contains("cannot connect") && Catch::Contains("network cable"));
}
