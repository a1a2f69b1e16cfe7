// Build tool: trains the fastText models of intents/text_model.h on the labelled messages the
// project ships and writes each as a C++ source holding its bytes, which the build compiles
// into the binary. Deterministic: one thread, a fixed seed.
//
//   shirube_train_models risk|categories OUT.cpp [--risk|--recall|--needs|--ordinary FILE]...
//     risk        labels self / other / none (intents/risk_model.h); OUT.cpp defines
//                 shirube::bundled_risk_model()
//     categories  labels the 17 category ids and none (intents/category_model.h); OUT.cpp
//                 defines shirube::bundled_category_model()
//     --risk      text<TAB>risk<TAB>categories<TAB>lang<TAB>danger   (the blind rounds)
//     --recall    text<TAB>suicide|violence[<TAB>immediate]           (crisis_recall.tsv)
//     --needs     text<TAB>category ids                               (intents_eval.tsv)
//     --ordinary  one everyday message a line, no risk, no need       (everyday_train.txt)
// Risk labels: self (crisis or check, the writer's life), other (crisis or check with danger
// `other`, or a violence recall line), none. Category labels: the first id that is not
// `crisis` (`none` when the line names none); crisis-only lines and the recall set are not
// used. The model itself is left beside OUT.cpp as OUT.cpp.bin.
// Lines starting with '#' and empty lines are skipped. Exit 2 with file:line on a malformed
// line or a bad argument, 1 when training fails.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include "common/bytes_cpp.h"
#include "intents/text_model.h"

#include <fasttext/args.h>
#include <fasttext/fasttext.h>

namespace {

std::vector<std::string> split(const std::string& line, char sep) {
  std::vector<std::string> out;
  std::stringstream ss(line);
  std::string field;
  while (std::getline(ss, field, sep))
    out.push_back(field);
  return out;
}

// What a line says, whatever its file's format.
struct Line {
  bool ok = false;
  std::string risk;      // self, other or none
  std::string category;  // a category id, none, or "" when the line names only a crisis
};

Line read_line(const std::string& kind, const std::vector<std::string>& f) {
  Line l;
  std::vector<std::string> ids;
  if (kind == "--risk") {
    if (f.size() != 5 || (f[1] != "none" && f[1] != "crisis" && f[1] != "check"))
      return l;
    l.risk = f[1] == "none" ? "none" : (f[4] == "other" ? "other" : "self");
    ids = split(f[2], ',');
  } else if (kind == "--recall") {
    if (f.size() < 2 || (f[1] != "suicide" && f[1] != "violence"))
      return l;
    l.risk = f[1] == "violence" ? "other" : "self";
  } else if (kind == "--needs") {
    if (f.size() != 2)
      return l;
    l.risk = "none";
    ids = split(f[1], ',');
  } else {  // --ordinary
    if (f.size() != 1)
      return l;
    l.risk = "none";
    l.category = "none";
  }
  for (const auto& id : ids) {
    if (id != "crisis") {
      l.category = id;
      break;
    }
  }
  l.ok = true;
  return l;
}

fasttext::Args training_args(const std::string& model, const std::string& input,
                             const std::string& output) {
  fasttext::Args args;
  args.input = input;
  args.output = output;
  args.model = fasttext::model_name::sup;
  args.loss = fasttext::loss_name::softmax;
  args.minCount = 1;
  args.minn = 1;
  args.maxn = 3;
  args.wordNgrams = 2;
  args.epoch = 25;
  args.lr = 0.5;
  // Chosen by cross-validation over the blind rounds (docs/crisis-detection.md,
  // docs/benchmarks.md): 3 labels need little room, 18 a little more.
  args.dim = model == "risk" ? 8 : 16;
  args.bucket = model == "risk" ? 10000 : 20000;
  args.thread = 1;
  args.seed = 1;
  args.verbose = 0;
  return args;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string model = argc > 1 ? argv[1] : "";
  if (argc < 5 || (argc - 3) % 2 != 0 || (model != "risk" && model != "categories")) {
    std::cerr << "usage: shirube_train_models risk|categories OUT.cpp "
                 "[--risk|--recall|--needs|--ordinary FILE]...\n";
    return 2;
  }
  const std::string out = argv[2];
  const std::string bin_path = out + ".bin";
  auto words = shirube::intents::TextWords::open();
  if (!words.ok()) {
    std::cerr << "shirube_train_models: " << words.error().message() << "\n";
    return 1;
  }
  const std::string train_path = out + ".train.txt";
  std::ofstream train(train_path, std::ios::binary | std::ios::trunc);
  std::size_t lines = 0;
  for (int i = 3; i < argc; i += 2) {
    const std::string kind = argv[i];
    const std::string path = argv[i + 1];
    if (kind != "--risk" && kind != "--recall" && kind != "--needs" && kind != "--ordinary") {
      std::cerr << "shirube_train_models: unknown flag " << kind << "\n";
      return 2;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      std::cerr << path << ": cannot open\n";
      return 2;
    }
    std::string text;
    for (int n = 1; std::getline(in, text); ++n) {
      if (text.empty() || text[0] == '#')
        continue;
      const auto fields = split(text, '\t');
      const Line line = read_line(kind, fields);
      if (!line.ok) {
        std::cerr << path << ":" << n << ": not a " << kind.substr(2) << " line\n";
        return 2;
      }
      const std::string& label = model == "risk" ? line.risk : line.category;
      const std::string tokens = words->words(fields[0]);
      if (label.empty() || tokens.empty())
        continue;
      train << shirube::intents::TextModel::kLabelPrefix << label << ' ' << tokens << '\n';
      ++lines;
    }
  }
  train.close();

  try {
    fasttext::FastText ft;
    ft.train(training_args(model, train_path, bin_path));
    ft.saveModel(bin_path);
  } catch (const std::exception& e) {
    std::cerr << "shirube_train_models: " << e.what() << "\n";
    return 1;
  }
  std::remove(train_path.c_str());
  std::ifstream bin(bin_path, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(bin)), std::istreambuf_iterator<char>());
  if (bytes.empty()) {
    std::cerr << bin_path << ": empty model\n";
    return 1;
  }
  const std::string function = model == "risk" ? "bundled_risk_model" : "bundled_category_model";
  if (!shirube::write_bytes_cpp(out, function, bytes,
                                "shirube_train_models (intents/train_models.cpp)")) {
    std::cerr << out << ": cannot write\n";
    return 1;
  }
  std::cout << model << " model: " << lines << " labelled lines, " << bytes.size() << " bytes\n";
  return 0;
}
