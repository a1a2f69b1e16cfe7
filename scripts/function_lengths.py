#!/usr/bin/env python3
"""Lists function bodies longer than a limit, longest first.

Usage: scripts/function_lengths.py [--min N] FILE...
Prints `lines  file:line  name` for every free or member function whose definition (from the
first line of its signature to its closing brace) spans at least N lines (default 80). Lambdas
count as part of the function that holds them; a class body is not a function.

A scanner, not a compiler: it drops comments, string and character literals (raw strings too)
and follows the braces. A `{` opens a function body when the text before it since the last
`;`, `{` or `}` ends in a parameter list (`)` possibly followed by qualifiers or a
constructor's initialiser list) and does not start with a control keyword or contain `=`.
"""
import re
import sys

CONTROL = {"if", "for", "while", "switch", "catch", "do", "else", "try", "return"}
SCOPES = re.compile(r"^\s*(?:template\s*<.*>\s*)?(namespace|class|struct|union|enum)\b", re.S)


def strip(text):
    """The text with comments and literals blanked out, newlines kept."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            i = j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif c == "R" and text.startswith('R"', i) and not (i > 0 and text[i - 1] == "_"):
            m = re.match(r'R"([^()\\\s]{0,16})\(', text[i:])
            if not m or (i > 0 and text[i - 1].isalnum() and text[i - 2 : i] != "u8" and text[i - 1] not in "uUL"):
                out.append(c)
                i += 1
                continue
            end = ")" + m.group(1) + '"'
            j = text.find(end, i + m.end())
            j = n if j < 0 else j + len(end)
            out.append('""' + "\n" * text[i:j].count("\n"))
            i = j
        elif c in "\"'":
            if c == "'" and i > 0 and text[i - 1].isalnum() and i + 1 < n and text[i + 1].isalnum():
                out.append(" ")  # digit separator 1'000
                i += 1
                continue
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            out.append(c + c)
            i = j + 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


def is_function_header(header):
    h = " ".join(header.split())
    if not h or "(" not in h:
        return False
    first = re.match(r"[A-Za-z_]+", h)
    if first and first.group(0) in CONTROL:
        return False
    if SCOPES.match(h):
        return False
    # The parameter list: drop a constructor's initialiser list first.
    depth = 0
    close = -1
    for k, ch in enumerate(h):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                close = k
                break
    if close < 0:
        return False
    before = h[: h.index("(")]
    if "=" in before.replace("operator=", "").replace("operator==", ""):
        return False
    return True


def name_of(header):
    h = " ".join(header.split())
    m = re.search(r"([~A-Za-z_][\w:~]*(?:operator\s*\S+?)?)\s*\(", h)
    return m.group(1) if m else h[:40]


def functions(path):
    text = open(path, encoding="utf-8").read()
    s = strip(text)
    stack = []  # 'fn' or 'scope' or 'block'
    header_start = 0
    found = []
    fn_start = None
    fn_name = None
    for i, ch in enumerate(s):
        if ch in ";":
            if "fn" not in stack:
                header_start = i + 1
        elif ch == "{":
            if "fn" in stack:
                stack.append("block")
            else:
                header = s[header_start:i]
                if is_function_header(header):
                    stack.append("fn")
                    offset = len(header) - len(header.lstrip())
                    fn_start = s.count("\n", 0, header_start + offset) + 1
                    fn_name = name_of(header)
                elif SCOPES.match(" ".join(header.split())) or header.strip().startswith("extern"):
                    stack.append("scope")
                else:
                    stack.append("block")
            header_start = i + 1
        elif ch == "}":
            kind = stack.pop() if stack else "scope"
            if kind == "fn":
                end = s.count("\n", 0, i) + 1
                found.append((end - fn_start + 1, fn_start, fn_name))
            if "fn" not in stack:
                header_start = i + 1
        elif ch == ":" and "fn" not in stack:
            # access specifiers (`public:`) end a header
            tail = s[header_start:i].strip()
            if tail in ("public", "private", "protected"):
                header_start = i + 1
    return found


def main():
    args = sys.argv[1:]
    limit = 80
    if args[:1] == ["--min"]:
        limit = int(args[1])
        args = args[2:]
    rows = []
    for path in args:
        for length, line, name in functions(path):
            if length >= limit:
                rows.append((length, f"{path}:{line}", name))
    for length, where, name in sorted(rows, reverse=True):
        print(f"{length:5d}  {where}  {name}")


if __name__ == "__main__":
    main()
