#pragma once
// libcurl's process-wide initialisation, owned once by main (or by a test's main scope). Create it
// before any DomifaClient and keep it alive until the last one is destroyed. Not thread-safe:
// create it while the process has one thread.

namespace guichet::backend {

class CurlGlobal {
public:
    /// Throws std::runtime_error when libcurl cannot initialise (out of memory: a broken machine).
    CurlGlobal();
    ~CurlGlobal();
    CurlGlobal(const CurlGlobal&) = delete;
    CurlGlobal& operator=(const CurlGlobal&) = delete;
};

} // namespace guichet::backend
