#include "guichet/backend/CurlGlobal.hpp"

#include <curl/curl.h>
#include <stdexcept>

namespace guichet::backend {

CurlGlobal::CurlGlobal() {
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
        throw std::runtime_error("curl_global_init failed");
}

CurlGlobal::~CurlGlobal() {
    curl_global_cleanup();
}

} // namespace guichet::backend
