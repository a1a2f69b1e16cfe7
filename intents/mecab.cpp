#include "intents/mecab.h"

#include <cstdio>

#include <mecab.h>

namespace shirube::intents {

std::string find_ipadic() {
  for (const char* dir :
       {"/var/lib/mecab/dic/ipadic-utf8", "/usr/lib/x86_64-linux-gnu/mecab/dic/ipadic-utf8",
        "/var/lib/mecab/dic/debian"}) {
    const std::string sys = std::string(dir) + "/sys.dic";
    if (FILE* f = std::fopen(sys.c_str(), "rb")) {
      std::fclose(f);
      return dir;
    }
  }
  return "";
}

void MecabModelDeleter::operator()(MeCab::Model* model) const {
  delete model;
}

Result<MecabModel> open_mecab(const std::string& dictionary) {
  const std::string dir = dictionary.empty() ? find_ipadic() : dictionary;
  if (dir.empty()) {
    return Error::unavailable("mecab",
                              "no IPADIC dictionary found (Debian package mecab-ipadic-utf8)");
  }
  const std::string args = "-d " + dir + " -r /dev/null";
  MecabModel model(MeCab::createModel(args.c_str()));
  if (!model)
    return Error::unavailable("mecab",
                              std::string("cannot open ") + dir + ": " + MeCab::getLastError());
  return model;
}

}  // namespace shirube::intents
