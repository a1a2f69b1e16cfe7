#include "intents/text_model.h"

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <sstream>
#include <utility>

#include <utf8proc.h>

#include "common/utf8.h"

#include <fasttext/fasttext.h>
#include <mecab.h>

namespace shirube::intents {
namespace {

// fastText's file header: a magic number and a version, both int32 (fasttext.cc).
constexpr std::int32_t kFastTextMagic = 793712314;
constexpr std::int32_t kFastTextVersion = 12;

std::string fold(std::string_view raw) {
  const std::string text = utf8::sanitize(raw);
  utf8proc_uint8_t* out = nullptr;
  const auto n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                              static_cast<utf8proc_ssize_t>(text.size()), &out,
                              static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPAT |
                                                             UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD));
  std::string folded =
      n < 0 ? text : std::string(reinterpret_cast<char*>(out), static_cast<std::size_t>(n));
  std::free(out);
  // A message all in katakana is seen as the same words in hiragana, as people more often
  // write them (and half-width kana are full width by now).
  if (utf8::katakana_only(folded))
    return utf8::katakana_to_hiragana(folded);
  return folded;
}

}  // namespace

Result<TextWords> TextWords::open(const std::string& dictionary) {
  ASSIGN_OR_RETURN(MecabModel model, open_mecab(dictionary));
  std::shared_ptr<MeCab::Tagger> tagger(model->createTagger());
  if (!tagger)
    return Error::unavailable("mecab", std::string("no tagger: ") + MeCab::getLastError());
  return TextWords(std::shared_ptr<MeCab::Model>(model.release(), MecabModelDeleter{}),
                   std::move(tagger));
}

std::string TextWords::words(std::string_view raw_text) const {
  const std::string text = fold(raw_text);
  std::unique_ptr<MeCab::Lattice> lattice(model_->createLattice());
  lattice->set_sentence(text.c_str());
  std::string out;
  if (!tagger_->parse(lattice.get()))
    return out;
  for (const MeCab::Node* n = lattice->bos_node(); n != nullptr; n = n->next) {
    if (n->stat == MECAB_BOS_NODE || n->stat == MECAB_EOS_NODE || n->length == 0)
      continue;
    if (!out.empty())
      out += ' ';
    out.append(n->surface, n->length);
  }
  return out;
}

TextModel::TextModel(TextWords words, std::unique_ptr<fasttext::FastText> model)
    : words_(std::move(words)), model_(std::move(model)) {}

TextModel::~TextModel() = default;

Result<std::unique_ptr<TextModel>> TextModel::load(std::string_view model_bytes,
                                                   const std::string& source,
                                                   const std::string& dictionary) {
  std::int32_t header[2] = {0, 0};
  if (model_bytes.size() < sizeof header)
    return Error::invalid_argument(source, "not a fastText model (too short)");
  std::memcpy(header, model_bytes.data(), sizeof header);
  if (header[0] != kFastTextMagic || header[1] != kFastTextVersion)
    return Error::invalid_argument(source, "not a fastText model of version 12");
  auto model = std::make_unique<fasttext::FastText>();
  try {
    std::istringstream in(std::string(model_bytes.substr(sizeof header)));
    model->loadModel(in);
    // fastText reads without checking the stream: a cut file leaves it failed.
    if (in.fail())
      return Error::invalid_argument(source, "the model is cut short");
  } catch (const std::exception& e) {
    return Error::invalid_argument(source, std::string("cannot read the model: ") + e.what());
  }
  ASSIGN_OR_RETURN(TextWords words, TextWords::open(dictionary));
  return std::unique_ptr<TextModel>(new TextModel(std::move(words), std::move(model)));
}

std::vector<LabelProbability> TextModel::predict(std::string_view raw_text, int k) const {
  std::istringstream in(words_.words(raw_text) + "\n");
  std::vector<std::pair<fasttext::real, std::string>> found;
  std::vector<LabelProbability> out;
  if (!model_->predictLine(in, found, k, 0.0))
    return out;
  const std::string_view prefix = kLabelPrefix;
  for (auto& [prob, label] : found) {
    if (label.compare(0, prefix.size(), prefix) == 0)
      label.erase(0, prefix.size());
    out.push_back({std::move(label), prob});
  }
  return out;
}

}  // namespace shirube::intents
