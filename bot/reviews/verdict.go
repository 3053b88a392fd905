package reviews

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// The verdicts a rating maps to (facts.ExternalVerdicts, repeated here so adapters need not
// import facts).
const (
	False       = "false"
	MostlyFalse = "mostly-false"
	Misleading  = "misleading"
	Mixed       = "mixed"
	True        = "true"
	Other       = "other"
)

// ratings maps folded ratings (see foldRating) to verdicts. It covers the ratings the common
// English, French and Spanish fact-checkers publish; docs/ratings.md shows it to curators, and
// TestRatingsDocumented keeps the two alike. Ratings that are known but say nothing about truth
// (satire, unproven) map to Other without being counted as unknown.
var ratings = map[string]string{
	// English
	"false": False, "fake": False, "fake news": False, "pants on fire": False, "hoax": False,
	"fabricated": False, "fabricated content": False, "incorrect": False, "wrong": False,
	"untrue": False, "not true": False, "baseless": False, "unfounded": False,
	"no evidence": False, "scam": False, "altered": False, "altered photo": False,
	"altered video": False, "manipulated": False, "doctored": False, "four pinocchios": False,
	"bogus": False, "debunked": False, "miscaptioned": False, "misattributed": False,
	"mostly false": MostlyFalse, "largely false": MostlyFalse, "inaccurate": MostlyFalse,
	"mostly inaccurate": MostlyFalse, "three pinocchios": MostlyFalse,
	"misleading": Misleading, "missing context": Misleading, "lacks context": Misleading,
	"needs context": Misleading, "out of context": Misleading, "exaggerated": Misleading,
	"exaggeration": Misleading, "distorts the facts": Misleading, "cherry picks": Misleading,
	"spins the facts": Misleading, "partly misleading": Misleading, "half truth": Misleading,
	"mixture": Mixed, "mixed": Mixed, "half true": Mixed, "partly true": Mixed,
	"partly false": Mixed, "partially true": Mixed, "partially false": Mixed,
	"two pinocchios": Mixed, "true but": Mixed, "imprecise": Mixed,
	"true": True, "correct": True, "accurate": True, "mostly true": True, "mostly correct": True,
	"largely true": True, "largely accurate": True, "verified": True, "confirmed": True,
	"one pinocchio": True, "geppetto checkmark": True,
	"satire": Other, "unproven": Other, "unverified": Other, "unverifiable": Other,
	"no rating": Other, "outdated": Other, "legend": Other, "research in progress": Other,
	"opinion": Other,
	// French
	"faux": False, "fausse": False, "c est faux": False, "intox": False, "infox": False,
	"canular": False, "arnaque": False, "infonde": False, "inexistant": False,
	"montage": False, "photo truquee": False, "video truquee": False, "truque": False,
	"fausse information": False, "faux et trompeur": False,
	"plutot faux": MostlyFalse, "en grande partie faux": MostlyFalse, "inexact": MostlyFalse,
	"trompeur": Misleading, "trompeuse": Misleading, "sans contexte": Misleading,
	"hors contexte": Misleading, "manque de contexte": Misleading, "contexte manquant": Misleading,
	"sorti de son contexte": Misleading, "exagere": Misleading, "detourne": Misleading,
	"mitige": Mixed, "a nuancer": Mixed, "partiellement faux": Mixed, "partiellement vrai": Mixed,
	"vrai mais": Mixed, "imprecis": Mixed,
	"vrai": True, "exact": True, "plutot vrai": True, "c est vrai": True, "confirme": True,
	"satirique": Other, "inverifiable": Other, "non verifiable": Other,
	"non prouve": Other,
	// Spanish
	"falso": False, "falsa": False, "bulo": False, "mentira": False, "inventado": False,
	"estafa": False, "timo": False, "montaje": False, "manipulado": False, "fraude": False,
	"sin evidencia": False, "sin pruebas": False, "no es cierto": False, "es falso": False,
	"mayormente falso": MostlyFalse, "principalmente falso": MostlyFalse,
	"mayoritariamente falso": MostlyFalse, "casi falso": MostlyFalse, "inexacto": MostlyFalse,
	"enganoso": Misleading, "enganosa": Misleading, "sin contexto": Misleading,
	"fuera de contexto": Misleading, "descontextualizado": Misleading, "exagerado": Misleading,
	"exagerada": Misleading, "falta contexto": Misleading, "le falta contexto": Misleading,
	"distorsionado": Misleading, "media verdad": Misleading,
	"verdad a medias": Mixed, "verdadero a medias": Mixed, "medio falso": Mixed,
	"parcialmente falso": Mixed, "parcialmente verdadero": Mixed, "parcialmente cierto": Mixed,
	"impreciso": Mixed, "discutible": Mixed, "cuestionable": Mixed,
	"verdadero": True, "verdadera": True, "cierto": True, "cierta": True, "correcto": True,
	"real": True, "mayormente verdadero": True, "mayormente cierto": True, "casi verdadero": True,
	"confirmado": True, "es cierto": True,
	"satira": Other, "no verificable": Other, "inverificable": Other, "sin verificar": Other,
	"insostenible": False, "dudoso": Other,
}

// Verdict maps a fact-checker's own rating to a verdict (False, MostlyFalse, Misleading,
// Mixed, True or Other); a rating the table does not know is Other.
func Verdict(rating string) string {
	v, _ := Classify(rating)
	return v
}

// Classify maps rating as Verdict does and says whether the table knows it; unknown ratings
// are counted by the import so curators can extend the table. Case, accents and punctuation
// are folded ("FAUX !", "Engañoso."). A rating that runs on past its verdict ("False: the
// photo is from 2015", "Faux. Cette image…") is read by its first clause, and "True, but…"
// is Mixed. Only whole clauses count: "Real photo, wrong place" is not "real".
func Classify(rating string) (verdict string, known bool) {
	if v, ok := ratings[foldRating(rating)]; ok {
		return v, true
	}
	i := strings.IndexAny(rating, ".:;,!?()[]—–-\n")
	if i <= 0 {
		return Other, false
	}
	v, ok := ratings[foldRating(rating[:i])]
	if !ok {
		return Other, false
	}
	if rest := strings.Fields(foldRating(rating[i:])); v == True && len(rest) > 0 && buts[rest[0]] {
		return Mixed, true
	}
	return v, true
}

// buts are the words that turn a "true" into a "true, but…".
var buts = map[string]bool{"but": true, "mais": true, "pero": true, "however": true, "cependant": true, "sin": true}

// foldRating lower-cases s, drops accents, turns punctuation into spaces and collapses spaces:
// "¡FALSO!" -> "falso", "C'est faux." -> "c est faux", "Pants on Fire!" -> "pants on fire".
func foldRating(s string) string {
	var b strings.Builder
	space := false
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
		default:
			space = true
		}
	}
	return b.String()
}
