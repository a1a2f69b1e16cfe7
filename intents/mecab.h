#pragma once
// Opening MeCab with the IPADIC dictionary, shared by the meaning layer and the risk model.
// Thread-safety: a MeCab::Model is safe to share; each call makes its own lattice.

#include <memory>
#include <string>

#include "common/error.h"

namespace MeCab {
class Model;
}

namespace shirube::intents {

// Where Debian's mecab-ipadic-utf8 puts IPADIC (UTF-8), or "" when it is not installed.
std::string find_ipadic();

struct MecabModelDeleter {
  void operator()(MeCab::Model* model) const;
};
using MecabModel = std::unique_ptr<MeCab::Model, MecabModelDeleter>;

// The dictionary directory `dictionary` ("" = find_ipadic()). kUnavailable "mecab: ..." when
// it cannot be opened: the service must not start without it.
Result<MecabModel> open_mecab(const std::string& dictionary = "");

}  // namespace shirube::intents
