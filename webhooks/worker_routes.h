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
#include <optional>

namespace httplib {
class Server;
struct Request;
struct Response;
}  // namespace httplib
namespace shirube::knowledge {
class KnowledgeBase;
}

namespace shirube::webhooks {

class WorkerStore;
struct WorkerAccount;

struct WorkerRouteOptions {
  // Unix seconds now; tests pass a fixed clock.
  std::function<int64_t()> now;
};

void install_worker_routes(httplib::Server& server, knowledge::KnowledgeBase& kb,
                           WorkerStore& store, const WorkerRouteOptions& options = {});

// The active account of the request's "Authorization: Bearer" token, or nullopt with the 401
// (and its WWW-Authenticate header) already written to `res`.
std::optional<WorkerAccount> authenticate_worker(WorkerStore& store, const httplib::Request& req,
                                                 httplib::Response& res);

}  // namespace shirube::webhooks
