#!/usr/bin/python3
"""Extract a WordNet noun hyponym subtree as an is-a edge list (child parent).

Usage:
  extract_wordnet_hierarchy.py DATA_NOUN ROOT_OFFSET [--copyright FILE] > out.edges

DATA_NOUN is WordNet 3.0's dict/data.noun (Debian package wordnet-base:
/usr/share/wordnet/data.noun; `apt-get download wordnet-base` and
`dpkg -x` give it without installing). ROOT_OFFSET is the 8-digit synset
offset of the root (02083346 is canine.n.02, "the dog family").

Every synset reachable from the root through hyponym pointers ("~"; instance
hyponyms "~i" are left out) becomes one node, named by its first lemma; a
lemma shared by two extracted synsets gets the synset offset appended. Every
hypernym pointer ("@") between two extracted synsets becomes one line
"child parent", so a synset with two parents inside the subtree keeps both.
Lines are sorted by breadth-first depth, then by name, so the output is
deterministic. Standard library only.
"""
import argparse
import collections
import sys


def read_synsets(path):
    """offset -> (lemmas, [(pointer_symbol, target_offset)]) for noun synsets."""
    synsets = {}
    with open(path, encoding="latin-1") as data:
        for line in data:
            if line.startswith("  "):  # licence header lines start with two spaces
                continue
            fields = line.split(" | ", 1)[0].split()
            offset = fields[0]
            word_count = int(fields[3], 16)
            lemmas = [fields[4 + 2 * i] for i in range(word_count)]
            at = 4 + 2 * word_count
            pointer_count = int(fields[at])
            pointers = []
            for p in range(pointer_count):
                symbol, target, pos = fields[at + 1 + 4 * p: at + 4 + 4 * p]
                if pos == "n":
                    pointers.append((symbol, target))
            synsets[offset] = (lemmas, pointers)
    return synsets


def subtree(synsets, root):
    """Offsets reachable from root by hyponym pointers, with their BFS depth."""
    depth = {root: 0}
    queue = collections.deque([root])
    while queue:
        offset = queue.popleft()
        for symbol, target in synsets[offset][1]:
            if symbol == "~" and target not in depth:
                depth[target] = depth[offset] + 1
                queue.append(target)
    return depth


def names(synsets, offsets):
    """offset -> readable unique name (first lemma, offset added on a clash)."""
    first = {o: synsets[o][0][0].lower() for o in offsets}
    count = collections.Counter(first.values())
    return {o: (n if count[n] == 1 else f"{n}_{o}") for o, n in first.items()}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_noun")
    parser.add_argument("root_offset")
    args = parser.parse_args()

    synsets = read_synsets(args.data_noun)
    if args.root_offset not in synsets:
        sys.exit(f"no noun synset with offset {args.root_offset} in {args.data_noun}")
    depth = subtree(synsets, args.root_offset)
    name = names(synsets, depth)
    edges = set()
    for child in depth:
        for symbol, parent in synsets[child][1]:
            if symbol == "@" and parent in depth:
                edges.add((child, parent))
    order = lambda o: (depth[o], name[o])
    root_name = name[args.root_offset]
    print(f"# WordNet 3.0 noun hierarchy under '{root_name}' (synset {args.root_offset}):")
    print("# one line per is-a (hypernym) link, \"child parent\", for the geneft")
    print("# `graph` relation plugin (edge-list format, `nodes:` lines declare the elements).")
    print("#")
    print("# Source: WordNet 3.0, Princeton University, as packaged by Debian 12")
    print("# (wordnet-base 1:3.0-37, /usr/share/wordnet/data.noun).")
    print("# Licence: WordNet 3.0 licence (BSD-style, redistribution allowed with the")
    print("# notice), full text in WORDNET-LICENSE beside this file:")
    print("# WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved.")
    print("#")
    print("# Extracted by extract_wordnet_hierarchy.py (beside this file):")
    print(f"#   python3 extract_wordnet_hierarchy.py data.noun {args.root_offset}")
    print(f"# nodes: {len(depth)}, is-a edges: {len(edges)}")
    # The root first, then every other synset in breadth-first order: a
    # declared node list makes element numbers stable and names checked.
    listed = sorted(depth, key=order)
    for start in range(0, len(listed), 8):
        print("nodes: " + " ".join(name[o] for o in listed[start:start + 8]))
    for child, parent in sorted(edges, key=lambda e: (order(e[0]), order(e[1]))):
        print(f"{name[child]} {name[parent]}")


if __name__ == "__main__":
    main()
