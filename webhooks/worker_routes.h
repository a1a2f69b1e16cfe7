#pragma once
// The routes for support workers, added beside install_routes() (README.md, "Directory API",
// "Referral sheets", "Worker console"):
//   GET  /api/v1/services, /api/v1/services/{id}, /api/v1/organizations,
//        /api/v1/organizations/{id}, /api/v1/taxonomies, /api/v1/taxonomy_terms
//                                   public, read-only, HSDS 3.0 shapes (directory_api.h)
//   POST /api/v1/referrals          a worker's Bearer token; {"service_ids": [...], "note": "..."}
//                                   -> 201 {"id", "url", "expires_at"}
//   GET  /referrals/{id}            the printable sheet (HTML), ?format=text for plain text
//   GET  /worker                    the worker console (HTML/JS/CSS compiled into the binary)
// Errors use the JSON shape of server.h; a missing, unknown or revoked token is 401 with a
// WWW-Authenticate header. Tokens and notes never go to the log (the server logs method, path
// and status only).
// Thread-safety: install before the server listens; `kb` and `store` must outlive the server.

#include <cstdint>
#include <functional>

namespace httplib {
class Server;
}
namespace shirube::knowledge {
class KnowledgeBase;
}

namespace shirube::webhooks {

class WorkerStore;

struct WorkerRouteOptions {
  // Unix seconds now; tests pass a fixed clock.
  std::function<int64_t()> now;
};

void install_worker_routes(httplib::Server& server, knowledge::KnowledgeBase& kb,
                           WorkerStore& store, const WorkerRouteOptions& options = {});

}  // namespace shirube::webhooks
