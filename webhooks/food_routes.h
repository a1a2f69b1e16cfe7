#pragma once
// The partner's side of the food-support applications (docs/food-requests.md), for a worker of
// the organisation the request was routed to (WorkerStore's Bearer token):
//   GET   /api/v1/food-requests          ?status=received|contacted|handed_over|closed|cancelled
//                                         &page=1&per_page=20 (1-100)
//                                         -> {"items":[{"ref","status","created_at",…}],"total",
//                                             "page","per_page"}; newest first
//   GET   /api/v1/food-requests/{ref}    -> the whole request, contact data included
//   PATCH /api/v1/food-requests/{ref}    {"status":"contacted","note":"…"} -> the request;
//                                         409 when the status may not follow the current one
//   GET   /api/v1/food-requests.csv      every request of the organisation (UTF-8 with BOM)
//   GET   /worker/food                   the console page (webhooks/web/food.*)
// No token or a revoked one: 401; another organisation's request: 404 (as if it did not exist).
// Every list, read, change and export is written to the audit table (bot/food_store.h); the
// server logs method, path and status only, never bodies.
// Thread-safety: install before the server listens; the stores must outlive the server.

#include <cstdint>
#include <functional>

namespace httplib {
class Server;
}
namespace shirube::bot {
class FoodStore;
}

namespace shirube::webhooks {

class WorkerStore;

struct FoodRouteOptions {
  std::function<int64_t()> now;  // Unix seconds; tests pass a fixed clock
};

void install_food_routes(httplib::Server& server, WorkerStore& workers, bot::FoodStore& food,
                         const FoodRouteOptions& options = {});

}  // namespace shirube::webhooks
