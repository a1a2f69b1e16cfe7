#pragma once
// The meaning layer of the crisis detector: reads each sentence of a Japanese message with
// MeCab (IPADIC) and decides, from concepts and verb forms rather than surface strings, how
// worrying it is. docs/crisis-detection.md explains the design and why.
//
//   1. The text is prepared: emoji that stand for a means (💊 🔪 🩸 🪢) become the word, a
//      run of three becomes "a lot"; digits written for kana next to kana (4にたい) become
//      the kana; then it is cut into sentences at 。！？!? and line breaks.
//   2. Each sentence is split into morphemes. A morpheme whose dictionary form is in
//      intents/data/concepts.tsv carries that concept (die, method, act, amount, now, plan,
//      hopeless, burden, farewell, child, together, debt, pull, edge, harm, outside, person,
//      fear, everyday, distress, about, self). A verb also carries its form, read from the
//      morphemes after it: wanting (たい), will (う/よう, ます), only (しか), past (た/だ,
//      しまった, もうた), ongoing (ている/てる), negated (ない/ぬ/ん), seeming (そう),
//      degree (ほど/くらい), passive (れる/られる), coming at me (てくる), if (ば/たら).
//   3. Rules combine them (meaning.cpp, one function per rule, each named): e.g. die + wanting
//      is a crisis whatever the conjugation or dialect; a means + an act in the past + an
//      amount is an act already done (119 first); die + degree + an everyday state is
//      hyperbole (死ぬほど眠い) and is none, with distress it is check.
// A sentence gets the most severe level of its rules; a message the most severe of its
// sentences, raised to crisis when two different worrying signals (check) come together.
//
// Thread-safety: immutable after load(); read() is safe from any thread (MeCab's model is
// shared, each call has its own lattice).

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "intents/risk.h"

namespace shirube::intents {

// What the meaning layer found in a message.
struct Reading {
  RiskLevel level = RiskLevel::kNone;
  CrisisKind kind = CrisisKind::kNone;
  bool immediate = false;  // an act done or starting now, or an attacker here now
  std::string rule;        // the rule that gave the level ("m_die_want"), "" for none
  // Every sentence that mentioned dying only as hyperbole of an everyday state, with no
  // other signal: the surface rules' crisis is lowered to `hyperbole_level` for them.
  bool hyperbole = false;
  RiskLevel hyperbole_level = RiskLevel::kNone;  // none (眠い) or check (つらい)
  // The sentences that were not hyperbole, joined by "。" (when `hyperbole`): the surface
  // rules are run again on this to see whether they fire elsewhere in the message.
  std::string rest;
  // Harm from someone else told as over (子どもの頃殴られてた。今は離れて平気), only denied or a
  // fright (殴られはしないけど, 殺されるかと思った), or named as a subject
  // (ニュースで見たDVの事件): the most a violence signal of this message can mean is asking
  // (check); kCrisis = no limit.
  RiskLevel violence_cap = RiskLevel::kCrisis;
};

class MeaningReader {
 public:
  // `concepts_tsv`: the concept file (format at the top of intents/data/concepts.tsv).
  // `dictionary`: a MeCab dictionary directory; "" finds IPADIC (UTF-8) where Debian's
  // mecab-ipadic-utf8 puts it. Errors: "<source>:<line>: <reason>" for a bad row or an
  // unknown concept; kUnavailable "mecab: ..." when the dictionary cannot be opened.
  static Result<std::unique_ptr<MeaningReader>> load(std::string_view concepts_tsv,
                                                     const std::string& source,
                                                     const std::string& dictionary = "");
  static Result<std::unique_ptr<MeaningReader>> load_bundled();

  virtual ~MeaningReader();
  virtual Reading read(std::string_view text) const = 0;
};

// Step 1 on its own: the message with emoji and digits read as words and 飲む written in kana
// (のんじゃった) as 飲む (also used by the surface rules), and its sentences.
std::string prepare_text(std::string_view text);
std::vector<std::string> prepare_sentences(std::string_view text);

}  // namespace shirube::intents
