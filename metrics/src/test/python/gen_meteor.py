#!/usr/bin/env python3
"""Reference vectors for dev.perbench.metrics.text (METEOR exactly as NLTK computes it).

Needs NLTK from PyPI (any release from 3.9 on; 3.10.3 wrote the committed files) and the
WordNet 3.0 "dict" files inside the Maven artifact net.sf.extjwnl:extjwnl-data-wn30:1.2, the
same files the Java code reads. NLTK's own wordnet download is not used: the script unpacks the
jar into a temporary NLTK data folder as corpora/wordnet/ (the jar holds every file NLTK's
WordNetCorpusReader opens, lexnames and index.sense included), so nltk.corpus.wordnet, the
default of meteor_score(), is exactly that WordNet 3.0. Run from the repository root:

    python3 -m venv /tmp/venv-nltk && /tmp/venv-nltk/bin/pip install nltk
    mvn -q dependency:get -Dartifact=net.sf.extjwnl:extjwnl-data-wn30:1.2
    /tmp/venv-nltk/bin/python metrics/src/test/python/gen_meteor.py \
        [--legacy-nltk DIR]  # DIR holds an nltk/ package of release 3.8.1, e.g. from
                             # `git archive 3.8.1 nltk | tar -x -C DIR` in a clone of nltk

It writes under metrics/src/test/resources/reference/:

meteor.json
    "tokenize": strings with Python's str.split() tokens and str.lower(); "whitespace": every
    code point for which str.isspace() holds. "cases": hand-written and generated (seeded)
    caption pairs. For each case and each reference r, with hyp the hypothesis:
      nltk          single_meteor_score(r.split(), hyp.split())            (NLTK's order)
      swapped       single_meteor_score(hyp.split(), r.split()), i.e. the PerBench authors'
                    meteor_score([pred.split()], gt.split()) with pred = hyp and gt = r
      *_exact_pow   the same formula on NLTK's own alignment with the power correctly rounded,
                    float(Fraction(frag) ** 3), instead of the C library's pow()
      *_matches     NLTK's alignment (hypothesis index, reference index), sorted
      *_3_8         the same scores from NLTK 3.8.1 (recursive morphy), when --legacy-nltk is given
    and "meteor", NLTK's meteor_score over all references.
porter.json
    [word, PorterStemmer().stem(word)] for words sampled from every WordNet index file, the
    exception lists, a caption vocabulary and hand-picked edge cases.
wordnet_synonyms.json
    word -> sorted lemma names without '_' of wordnet.synsets(word) (what METEOR's synonym stage
    allows), and, where NLTK 3.8.1 answers differently, its answer.

With --exhaustive FILE it also writes (not committed) the synonym sets of every lemma of every
index file, every exception form and several inflections of each, for
WordNetExhaustiveTest (run it with -Dmeteor.exhaustive=FILE; about 850,000 words).
"""

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import zipfile
from fractions import Fraction

OUT_DIR = os.path.join("metrics", "src", "test", "resources", "reference")
JAR = os.path.expanduser(
    "~/.m2/repository/net/sf/extjwnl/extjwnl-data-wn30/1.2/extjwnl-data-wn30-1.2.jar")
JAR_PREFIX = "net/sf/extjwnl/data/wordnet/wn30/"


# ---------------------------------------------------------------------------------------------
# Worker: runs under whichever nltk is importable (the installed one, or 3.8.1 via PYTHONPATH)
# ---------------------------------------------------------------------------------------------

def exact_score(m, chunks, h, r, alpha=0.9, gamma=0.5):
    """NLTK's single_meteor_score formula with frag ** 3 correctly rounded."""
    try:
        precision = float(m) / h
        recall = float(m) / r
        fmean = (precision * recall) / (alpha * precision + (1 - alpha) * recall)
        frag = float(chunks) / m
    except ZeroDivisionError:
        return 0.0
    penalty = gamma * float(Fraction(frag) ** 3)
    return (1 - penalty) * fmean


def libm_score(m, chunks, h, r, alpha=0.9, beta=3.0, gamma=0.5):
    """The same transcription with Python's float power (checks the transcription)."""
    try:
        precision = float(m) / h
        recall = float(m) / r
        fmean = (precision * recall) / (alpha * precision + (1 - alpha) * recall)
        frag = float(chunks) / m
    except ZeroDivisionError:
        return 0.0
    return (1 - gamma * frag ** beta) * fmean


def worker(inp, out):
    import nltk
    from nltk.corpus import wordnet
    from nltk.stem.porter import PorterStemmer
    from nltk.translate import meteor_score as ms

    with open(inp, encoding="utf-8") as f:
        job = json.load(f)

    def pair(reference, hypothesis):
        score = ms.single_meteor_score(reference, hypothesis)
        eh, er = ms._generate_enums(hypothesis, reference)
        matches, _, _ = ms._enum_align_words(eh, er)
        chunks = ms._count_chunks(matches)
        m, h, r = len(matches), len(hypothesis), len(reference)
        if libm_score(m, chunks, h, r) != score:
            raise AssertionError("formula transcription differs from NLTK for %r / %r"
                                 % (hypothesis, reference))
        return score, exact_score(m, chunks, h, r), [list(p) for p in matches]

    # NLTK 3.10 rewrote the matching loops (CVE-2026-12929); 3.8.1's meteor_score.py, which
    # 3.9 still shipped, run here on this release's stemmer and WordNet must agree exactly.
    old_loops = None
    if job.get("legacy_meteor"):
        import importlib.util
        spec = importlib.util.spec_from_file_location("legacy_meteor", job["legacy_meteor"])
        old_loops = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(old_loops)
    loop_differences = 0

    cases = []
    for case in job["cases"]:
        hyp = case["hypothesis"].split()
        refs = [r.split() for r in case["references"]]
        per_ref = []
        for ref in refs:
            s, sx, sm = pair(ref, hyp)
            w, wx, wm = pair(hyp, ref)
            if old_loops and (old_loops.single_meteor_score(list(ref), list(hyp)) != s
                              or old_loops.single_meteor_score(list(hyp), list(ref)) != w):
                loop_differences += 1
            per_ref.append({"nltk": s, "nltk_exact_pow": sx, "nltk_matches": sm,
                            "swapped": w, "swapped_exact_pow": wx, "swapped_matches": wm})
        cases.append({"meteor": ms.meteor_score(refs, hyp), "per_reference": per_ref})

    stemmer = PorterStemmer()
    stems = [stemmer.stem(w) for w in job["porter"]]

    def synonyms(word):
        return sorted(set(
            lemma.name() for synset in wordnet.synsets(word) for lemma in synset.lemmas()
            if lemma.name().find("_") < 0))

    syns = {w: synonyms(w) for w in job["synonyms"]}
    exhaustive = {w: synonyms(w) for w in job.get("exhaustive", [])}
    with open(out, "w", encoding="utf-8") as f:
        json.dump({"nltk_version": nltk.__version__, "wordnet_version": wordnet.get_version(),
                   "loops_checked": old_loops is not None,
                   "loop_differences": loop_differences, "cases": cases, "stems": stems, "synonyms": syns,
                   "exhaustive": exhaustive}, f, ensure_ascii=False)


# ---------------------------------------------------------------------------------------------
# Inputs
# ---------------------------------------------------------------------------------------------

HAND = [
    # NLTK's doctest: one hypothesis, three references (0.6944 with all three and with the first).
    ("It is a guide to action which ensures that the military always obeys the commands of the party",
     ["It is a guide to action that ensures that the military will forever heed Party commands",
      "It is the guiding principle which guarantees the military forces always being under the command of the Party",
      "It is the practical guide for the army always to heed the directions of the party"]),
    ("It is to insure the troops forever hearing the activity guidebook that party direct",
     ["It is a guide to action that ensures that the military will forever heed Party commands",
      "It is the guiding principle which guarantees the military forces always being under the command of the Party",
      "It is the practical guide for the army always to heed the directions of the party"]),
    ("non matching hypothesis", ["this is a cat"]),
    # identical, empty, blank
    ("a red car parked on the street", ["a red car parked on the street"]),
    ("", ["a red car"]),
    ("a red car", [""]),
    ("", [""]),
    ("   \t\n ", ["a dog"]),
    ("a dog", ["  \u00a0 "]),
    ("dog", ["dog"]),
    ("dog", ["cat"]),
    # case and punctuation (tokens keep their punctuation, as with str.split())
    ("A Dog On The LEFT", ["a dog on the left"]),
    ("a dog.", ["a dog"]),
    ("a dog .", ["a dog"]),
    ("the cat, sitting on a mat!", ["The cat sitting on a mat"]),
    ("(left) a white cup", ["a white cup on the left"]),
    # stems
    ("two dogs running in the parks", ["a dog runs in the park"]),
    ("the players were playing happily", ["a player plays happy"]),
    ("generalizations of the relational operators", ["general relate operation"]),
    ("flies spied skies dying lying tying", ["fly spy sky die lie tie"]),
    ("hopping falling hissing fizzed failing filing", ["hop fall hiss fizz fail file"]),
    # synonyms (WordNet)
    ("a large dog on a couch", ["a big dog on a sofa"]),
    ("a little kid riding a bike", ["a small child riding a bicycle"]),
    ("a photo of an automobile", ["a photograph of a car"]),
    ("grey motorbike near the centre", ["gray motorcycle near the center"]),
    ("an aeroplane in the sky", ["an airplane in the sky"]),
    ("the man is holding a mug", ["the person is holding a cup"]),
    ("a sofa", ["a couch"]),
    ("big big big", ["large"]),
    # repeated words and order
    ("the the the the", ["the cat"]),
    ("the cat", ["the the the the"]),
    ("cat the on mat the sat", ["the cat sat on the mat"]),
    ("mat the on sat cat the", ["the cat sat on the mat"]),
    ("on the mat the cat sat", ["the cat sat on the mat"]),
    ("a b c d e f", ["f e d c b a"]),
    ("a b c d e f", ["a b c x d e f"]),
    ("dog cat dog cat", ["cat dog cat dog"]),
    ("a dog and a cat and a dog", ["a cat and a dog"]),
    # whitespace of every kind separates tokens; zero-width space does not
    ("a\u2003red\u3000car\u00a0on\u2028the\u0085road\x1cnow", ["a red car on the road now"]),
    ("a\u200bred car", ["a red car"]),
    ("a\tred\ncar\r\x0b\x0con the road", ["a red car on the road"]),
    # Unicode lower-casing
    ("ΟΔΟΣ ΣΑΣ", ["οδος σας"]),
    ("İstanbul STRASSE Straße", ["istanbul strasse straße"]),
    ("CAFÉ naïve résumé", ["café naive resume"]),
    ("😀 emoji 😀😀ing", ["😀 emojis 😀😀"]),
    # morphy edge cases reaching the synonym stage (stems and exception forms)
    ("geese went better", ["goose go good"]),
    ("catsss", ["guy"]),
    ("the makings of a meal", ["the make of a repast"]),
    ("ice_cream and hot-dog", ["ice_cream and frank"]),
    ("a*ded yyyy", ["ad yyyy"]),
    # long description-style pairs
    ("The object is a large brown wooden table with four legs standing in the middle of a bright "
     "kitchen. On top of the table there are several white plates, a glass vase with yellow "
     "flowers and a small red cup near the left edge.",
     ["A big brown table made of wood stands in the center of the kitchen. It has four legs. "
      "Some white dishes, a vase holding yellow flowers and a little red mug are placed on it."]),
    ("A man wearing a blue shirt and black trousers is riding a bicycle down the street while "
     "holding an umbrella in his left hand.",
     ["The person in a blue shirt rides a bike along the road holding an umbrella.",
      "A cyclist with an umbrella.",
      "Man on a bicycle wearing black pants and a blue shirt, umbrella in hand, on a street."]),
]

OBJECTS = ["person", "man", "woman", "child", "kid", "boy", "girl", "dog", "cat", "horse",
           "sheep", "cow", "elephant", "bear", "zebra", "giraffe", "car", "bus", "truck",
           "bicycle", "bike", "motorcycle", "airplane", "train", "boat", "bench", "bird",
           "umbrella", "frisbee", "kite", "skateboard", "surfboard", "pizza", "sandwich", "cake",
           "chair", "couch", "sofa", "bed", "table", "laptop", "phone", "clock", "vase", "book",
           "cup", "mug", "bottle", "plate", "bowl", "banana", "apple", "orange", "tree", "building",
           "sign", "light", "box", "bag", "ball", "shirt", "hat", "picture", "photo", "window"]
COLOURS = ["red", "blue", "green", "white", "black", "brown", "yellow", "orange", "gray", "grey",
           "pink", "purple", "dark", "light", "silver", "golden"]
SHAPES = ["round", "square", "rectangular", "circular", "triangular", "oval", "flat", "curved"]
SIZES = ["large", "big", "small", "little", "tiny", "huge", "tall", "short", "long", "wide"]
MATERIALS = ["wooden", "metal", "plastic", "glass", "stone", "leather", "paper"]
VERBS = ["sitting", "standing", "walking", "running", "lying", "holding", "riding", "eating",
         "looking", "parked", "flying", "playing", "wearing", "carrying", "placed", "hanging",
         "resting", "leaning"]
POSITIONS = ["on the left", "on the right", "in the center", "in the middle", "at the top",
             "at the bottom", "in the foreground", "in the background", "next to the table",
             "near the window", "behind the car", "in front of the building", "beside the road",
             "above the bench", "below the sign", "under the tree", "on the street",
             "on the grass", "in the water", "on the floor"]
SYNONYMS = {"big": "large", "large": "big", "small": "little", "little": "small",
            "couch": "sofa", "sofa": "couch", "bike": "bicycle", "bicycle": "bike",
            "kid": "child", "child": "kid", "picture": "image", "photo": "photograph",
            "car": "automobile", "grey": "gray", "gray": "grey", "airplane": "aeroplane",
            "motorcycle": "motorbike", "center": "centre", "middle": "center", "cup": "mug",
            "street": "road", "man": "person", "tiny": "minuscule", "huge": "enormous",
            "wooden": "wood", "sitting": "seated", "holding": "keeping", "placed": "put",
            "lying": "resting", "round": "circular", "phone": "telephone", "bag": "sack"}
INFLECT = {"sitting": "sits", "standing": "stands", "walking": "walked", "running": "runs",
           "lying": "lies", "holding": "holds", "riding": "rides", "eating": "eats",
           "looking": "looked", "flying": "flies", "playing": "plays", "wearing": "wears",
           "carrying": "carried", "dog": "dogs", "cat": "cats", "car": "cars", "child": "children",
           "man": "men", "woman": "women", "bus": "buses", "box": "boxes", "bench": "benches",
           "tree": "trees", "cup": "cups", "table": "tables", "large": "larger", "small": "smallest"}
EXTRA = ["a", "the", "an", "with", "and", "of", "its", "two", "three", "some", "very", "which",
         "is", "are", "there", "that", "this"]


def caption(rng):
    words = [rng.choice(["a", "the", "one", "an"])]
    for pool, p in ((SIZES, 0.4), (SHAPES, 0.2), (COLOURS, 0.6), (MATERIALS, 0.2)):
        if rng.random() < p:
            words.append(rng.choice(pool))
    words.append(rng.choice(OBJECTS))
    if rng.random() < 0.8:
        words.append(rng.choice(VERBS))
    words.extend(rng.choice(POSITIONS).split())
    if rng.random() < 0.3:
        words.extend(["with", rng.choice(["a", "two", "some"]), rng.choice(COLOURS),
                      rng.choice(OBJECTS)])
    return words


def perturb(rng, words):
    out = list(words)
    for _ in range(rng.randint(1, 4)):
        kind = rng.random()
        if not out:
            break
        i = rng.randrange(len(out))
        if kind < 0.25 and out[i] in SYNONYMS:
            out[i] = SYNONYMS[out[i]]
        elif kind < 0.45 and out[i] in INFLECT:
            out[i] = INFLECT[out[i]]
        elif kind < 0.55:
            del out[i]
        elif kind < 0.65:
            out.insert(i, rng.choice(EXTRA + COLOURS))
        elif kind < 0.72 and i + 1 < len(out):
            out[i], out[i + 1] = out[i + 1], out[i]
        elif kind < 0.78:
            out.insert(i, out[i])
        elif kind < 0.84:
            out[i] = out[i].capitalize() if rng.random() < 0.7 else out[i].upper()
        elif kind < 0.90:
            out[i] = out[i] + rng.choice([".", ",", "!", ";"])
        elif kind < 0.95:
            j = rng.randrange(len(out))
            out = out[j:] + out[:j]
        else:
            out[i] = rng.choice(OBJECTS + VERBS)
    return out


def generated_cases(rng, n):
    cases = []
    for k in range(n):
        kind = rng.random()
        if kind < 0.12:
            # description-style: several clauses
            ref = []
            for _ in range(rng.randint(3, 5)):
                ref += caption(rng) + ["."]
            hyp = perturb(rng, ref)
            hyp = perturb(rng, hyp)
            refs = [ref]
        elif kind < 0.20:
            ref = caption(rng)
            hyp = caption(rng)  # unrelated
            refs = [ref]
        else:
            ref = caption(rng)
            hyp = perturb(rng, ref)
            refs = [ref]
        if rng.random() < 0.25:
            refs += [perturb(rng, refs[0]) for _ in range(rng.randint(1, 3))]
        sep = lambda: rng.choice([" "] * 12 + ["  ", "\t", " \n "])
        join = lambda ws: "".join(w + sep() for w in ws).strip() if ws else ""
        cases.append((join(hyp), [join(r) for r in refs]))
    return cases


TOKENIZE = ["a red car", "  leading and trailing  ", "", " ", "\t\n\r\x0b\x0c\x1c\x1d\x1e\x1f",
            "a\u00a0b\u1680c\u2000d\u200ae\u2028f\u2029g\u202fh\u205fi\u3000j\x85k",
            "no\u200bsplit\ufeffhere\u180ex", "Mixed CASE İ ΣΑΣ Straße ǅ", "emoji 😀 tokens",
            "punctuation, stays. attached!", "tab\tseparated\tvalues"]

PORTER_EDGE = [
    "caresses", "ponies", "ties", "caress", "cats", "feed", "agreed", "plastered", "bled",
    "motoring", "sing", "conflated", "troubled", "sized", "hopping", "tanned", "falling",
    "hissing", "fizzed", "failing", "filing", "happy", "sky", "skies", "dies", "died", "spied",
    "flies", "dying", "lying", "tying", "news", "innings", "outings", "cannings", "howe",
    "proceed", "exceed", "succeed", "relational", "conditional", "rational", "valenci",
    "hesitanci", "digitizer", "conformabli", "radicalli", "differentli", "vileli",
    "analogousli", "vietnamization", "predication", "operator", "feudalism", "decisiveness",
    "hopefulness", "callousness", "formaliti", "sensitiviti", "sensibiliti", "triplicate",
    "formative", "formalize", "electriciti", "electrical", "hopeful", "goodness", "revival",
    "allowance", "inference", "airliner", "gyroscopic", "adjustable", "defensible", "irritant",
    "replacement", "adjustment", "dependent", "adoption", "homologou", "communism", "activate",
    "angulariti", "homologous", "effective", "bowdlerize", "probate", "rate", "cease",
    "controll", "roll", "geology", "theology", "archaeology", "fully", "generously", "enjoy",
    "by", "y", "yy", "yyy", "yyyy", "ys", "ying", "eed", "ied", "ies", "ing", "ed", "s", "a",
    "is", "as", "us", "ss", "sss", "a*ded", "x*ded", "*d", "**d", "oed", "bed", "abed",
    "generalizations", "oscillators", "dog.", "dog,", "3d", "x-ray", "naïve", "café",
    "résumé", "😀😀s", "a😀😀ing", "ａｂｃ", "İs", "İ", "SKIES", "Dying", "GENERALIZATIONS",
    "skying", "fullness", "allied", "ally", "rally", "totally", "logically", "biology",
    "geologi", "ologi", "alli", "talli", "tallied", "heavily", "happily", "bullying",
    "trees", "sees", "flee", "agree", "agreement", "ability", "beautiful", "running",
    "ran", "buses", "boxes", "children", "women", "wolves", "quickly", "sitting", "standing",
]


def index_words(dict_dir):
    words = []
    for pos in ("noun", "verb", "adj", "adv"):
        with open(os.path.join(dict_dir, "index." + pos), encoding="utf-8") as f:
            words.extend(line.split()[0] for line in f if not line.startswith(" "))
    return words


def exception_forms(dict_dir):
    forms = []
    for pos in ("noun", "verb", "adj", "adv"):
        with open(os.path.join(dict_dir, pos + ".exc"), encoding="utf-8") as f:
            forms.extend(line.split()[0] for line in f if line.strip())
    return forms


def inflections(word):
    out = [word + s for s in ("s", "es", "ed", "ing", "er", "est", "ly", "ss")]
    if word.endswith("y"):
        out += [word[:-1] + "ies", word[:-1] + "ied"]
    if word.endswith("e"):
        out += [word[:-1] + "ing", word + "d"]
    return out


def caption_vocabulary():
    words = set(OBJECTS + COLOURS + SHAPES + SIZES + MATERIALS + VERBS + EXTRA)
    for p in POSITIONS:
        words.update(p.split())
    words.update(SYNONYMS.values())
    words.update(INFLECT.values())
    return sorted(words)


# ---------------------------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------------------------

def run_worker(job, data_root, pythonpath=None):
    env = dict(os.environ)
    env["NLTK_DATA"] = data_root
    if pythonpath:
        env["PYTHONPATH"] = pythonpath
    with tempfile.TemporaryDirectory() as tmp:
        inp, out = os.path.join(tmp, "in.json"), os.path.join(tmp, "out.json")
        with open(inp, "w", encoding="utf-8") as f:
            json.dump(job, f, ensure_ascii=False)
        subprocess.run([sys.executable, "-W", "ignore", os.path.abspath(__file__),
                        "--worker", inp, out], env=env, check=True)
        with open(out, encoding="utf-8") as f:
            return json.load(f)


def write(path, head, lists):
    """JSON with one list element per line, so diffs stay readable."""
    lines = ["{"]
    items = list(head.items()) + list(lists.items())
    for k, (key, value) in enumerate(items):
        comma = "," if k + 1 < len(items) else ""
        if key in lists:
            body = ",\n  ".join(json.dumps(v, ensure_ascii=False) for v in value)
            lines.append(" %s: [\n  %s\n ]%s" % (json.dumps(key), body, comma))
        else:
            lines.append(" %s: %s%s" % (json.dumps(key), json.dumps(value, ensure_ascii=False),
                                        comma))
    lines.append("}")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--worker", nargs=2, help=argparse.SUPPRESS)
    ap.add_argument("--jar", default=JAR, help="extjwnl-data-wn30-1.2.jar")
    ap.add_argument("--legacy-nltk", help="folder holding an nltk/ package of release 3.8.1")
    ap.add_argument("--exhaustive", help="also write every WordNet word's synonyms here")
    args = ap.parse_args()
    if args.worker:
        worker(*args.worker)
        return

    with tempfile.TemporaryDirectory() as data_root:
        dict_dir = os.path.join(data_root, "corpora", "wordnet")
        os.makedirs(dict_dir)
        with zipfile.ZipFile(args.jar) as jar:
            for name in jar.namelist():
                if name.startswith(JAR_PREFIX) and not name.endswith("/"):
                    with open(os.path.join(dict_dir, name[len(JAR_PREFIX):]), "wb") as f:
                        f.write(jar.read(name))

        rng = random.Random(20250417)
        cases = [{"id": "hand-%02d" % i, "group": "hand", "hypothesis": h, "references": r}
                 for i, (h, r) in enumerate(HAND)]
        cases += [{"id": "gen-%03d" % i, "group": "generated", "hypothesis": h, "references": r}
                  for i, (h, r) in enumerate(generated_cases(rng, 360))]

        lemmas = index_words(dict_dir)
        excs = exception_forms(dict_dir)
        vocab = caption_vocabulary()
        single = [w for w in lemmas if "_" not in w]
        porter = list(dict.fromkeys(
            PORTER_EDGE + vocab + [i for w in vocab for i in inflections(w)]
            + single[::40] + excs[::10]))
        syn_words = list(dict.fromkeys(
            vocab + [i for w in vocab for i in inflections(w)]
            + ["", "Dog", "DOGS", "ice_cream", "hot-dog", "dog.", "2", "one", "café", "catss",
               "catsss", "makings", "possesses", "ramesses", "iss", "anchoresses", "askeses",
               "geese", "went", "better", "best", "mice", "men", "oxen", "children", "fly",
               "spi", "hous", "tabl", "frisbe", "bicycl", "motorcycl", "pictur", "citi"]
            + lemmas[::97] + [i for w in single[::487] for i in inflections(w)] + excs[::23]))
        job = {"cases": [{"hypothesis": c["hypothesis"], "references": c["references"]}
                         for c in cases],
               "porter": porter, "synonyms": syn_words}
        if args.legacy_nltk:
            job["legacy_meteor"] = os.path.join(args.legacy_nltk, "nltk", "translate",
                                                "meteor_score.py")
        if args.exhaustive:
            job["exhaustive"] = list(dict.fromkeys(
                lemmas + excs + [i for w in single for i in inflections(w)]))

        modern = run_worker(job, data_root)
        legacy = run_worker(dict(job, exhaustive=[], legacy_meteor=None), data_root,
                            args.legacy_nltk) if args.legacy_nltk else None
    if modern["loop_differences"]:
        raise AssertionError("NLTK %s's matching differs from NLTK 3.8.1's loops in %d pairs"
                             % (modern["nltk_version"], modern["loop_differences"]))

    version = modern["nltk_version"]
    out_cases = []
    differ_3_8 = 0
    for case, res, old in zip(cases, modern["cases"],
                              legacy["cases"] if legacy else [None] * len(cases)):
        per = res["per_reference"]
        if abs(max(p["nltk"] for p in per) - res["meteor"]) != 0:
            raise AssertionError("meteor_score is not the max of single scores: " + case["id"])
        entry = dict(case, meteor=res["meteor"], per_reference=per)
        if old:
            for p, q in zip(per, old["per_reference"]):
                for key in ("nltk", "nltk_exact_pow", "swapped", "swapped_exact_pow"):
                    p[key + "_3_8"] = q[key]
                if q["nltk"] != p["nltk"] or q["swapped"] != p["swapped"]:
                    differ_3_8 += 1
            entry["meteor_3_8"] = old["meteor"]
        out_cases.append(entry)

    libm = sum(1 for c in out_cases for p in c["per_reference"]
               for k in ("nltk", "swapped") if p[k] != p[k + "_exact_pow"])
    whitespace = [c for c in range(0x110000) if chr(c).isspace()]
    head = {
        "generator": "metrics/src/test/python/gen_meteor.py",
        "nltk_version": version,
        "nltk_legacy_version": legacy["nltk_version"] if legacy else None,
        "wordnet": "WordNet %s: the Princeton dict files of Maven artifact "
                   "net.sf.extjwnl:extjwnl-data-wn30:1.2, unpacked as NLTK_DATA/corpora/wordnet "
                   "and read by nltk.corpus.wordnet" % modern["wordnet_version"],
        "python": sys.version.split()[0],
        "parameters": {"alpha": 0.9, "beta": 3.0, "gamma": 0.5, "preprocess": "str.lower"},
        "notes": ("nltk/swapped: the scores NLTK printed (its frag ** beta is the C library's "
                  "pow, glibc here); *_exact_pow: NLTK's own alignment with the power correctly "
                  "rounded. %d of the per-reference scores differ between the two, in the last "
                  "bit. %d reference pairs score differently under NLTK 3.8.1's recursive morphy. "
                  "NLTK 3.10 rewrote the matching loops; NLTK 3.8.1's meteor_score.py (the "
                  "loops 3.9 shipped) on the same stemmer and WordNet gave identical scores for "
                  "every pair: %s."
                  % (libm, differ_3_8, "checked" if modern["loops_checked"] else "not checked")),
        "whitespace": whitespace,
    }
    tokenize = [{"text": t, "split": t.split(), "lower": t.lower()} for t in TOKENIZE]
    write(os.path.join(OUT_DIR, "meteor.json"), head, {"tokenize": tokenize, "cases": out_cases})

    stems = modern["stems"]
    if legacy:
        diff = [(w, a, b) for w, a, b in zip(porter, stems, legacy["stems"]) if a != b]
        if any(w == w.lower() for w, _, _ in diff):
            raise AssertionError("NLTK 3.8.1 stems a lower-case word differently: %r" % diff)
    write(os.path.join(OUT_DIR, "porter.json"),
          {"generator": "metrics/src/test/python/gen_meteor.py", "nltk_version": version,
           "mode": "PorterStemmer() (NLTK_EXTENSIONS), stem(word) with to_lowercase=True"},
          {"stems": [[w, s] for w, s in zip(porter, stems)]})

    syn_rows = []
    for w in syn_words:
        row = {"word": w, "synonyms": modern["synonyms"][w]}
        if legacy and legacy["synonyms"][w] != row["synonyms"]:
            row["synonyms_3_8"] = legacy["synonyms"][w]
        syn_rows.append(row)
    write(os.path.join(OUT_DIR, "wordnet_synonyms.json"),
          {"generator": "metrics/src/test/python/gen_meteor.py", "nltk_version": version,
           "nltk_legacy_version": legacy["nltk_version"] if legacy else None,
           "definition": "sorted set of lemma.name() for synset in wordnet.synsets(word) for "
                         "lemma in synset.lemmas() if '_' not in lemma.name()"},
          {"words": syn_rows})

    if args.exhaustive:
        with open(args.exhaustive, "w", encoding="utf-8") as f:
            for w, s in modern["exhaustive"].items():
                f.write(json.dumps([w, s], ensure_ascii=False) + "\n")

    print("nltk %s: %d cases, %d stems, %d synonym words; %d libm-vs-exact differences; "
          "%d pairs differ under %s"
          % (version, len(out_cases), len(stems), len(syn_rows), libm, differ_3_8,
             legacy["nltk_version"] if legacy else "-"))


if __name__ == "__main__":
    main()
