package match

import (
	"slices"
	"strings"
)

// Query term roles.
const (
	roleWord    = iota // a word of the question's body (or a fuzzy stand-in for one)
	roleNum            // a number
	roleConcept        // a cross-language concept term
	roleAuthor         // a word of a pasted tweet's author line
)

// qterm is one distinct indexed term of a query.
type qterm struct {
	id   int32
	role int
	w    float32 // query weight: repeats add up; fuzzy and author terms weigh less
	cap  bool
	// partner is, for a concept term, the index in terms of the word that evoked it, or -1.
	// A document matching both gets the better of the two, not the sum: a synonym group is
	// one meaning.
	partner int
	// orphan marks a concept term evoked by a word the index does not know ("alquiler" in an
	// index with no Spanish text): matching the concept covers that word.
	orphan bool
}

// parsedQuery is a question analyzed against one index.
type parsedQuery struct {
	terms     []qterm
	bigrams   []uint64 // consecutive word pairs (a<<32 | b) of the body, by term id
	wordIDF   float32  // idf mass of the body's words, unknown ones counted at the highest idf
	capIDF    float32  // idf mass of the body's capitalized words
	nWords    int      // body words, known or not
	nDistinct int      // distinct body words, known or not
	sq        float32  // squared norm of the query's vector of words and concepts (see cosWeight)
	nAuthors  int
	year      int32 // term id of the year a pasted tweet was posted, or -1
	media     bool  // the query links to a picture or video
	practical bool  // the query asks for practical help or announces an event
	group     bool  // the query names a group of people or points at one (see namesGroup)
	personal  bool  // the query speaks in the first person singular (see speaksForSelf)
	dated     bool  // the query names a month or the current day or year (see namesDate)
	us        bool  // the query speaks for an in-group (see inGroupWords)
	sweep     bool  // the query generalizes (see sweepingWords)
	question  bool  // the query ends with a question mark
}

// parseQuery analyzes the query in langHint (or its detected language) and looks its terms up
// in the index. It leaves s.mark mapping each query term id to its index in pq.terms plus one;
// unmark clears it.
func (ix *Index) parseQuery(query, langHint string, s *scratch) parsedQuery {
	body, author, year := splitFooter(query)
	toks := tokensOf(body)
	lang := langHint
	if lang == "" {
		lang = ix.queryLanguage(toks, body)
	}
	toks = ix.splitTags(toks, lang)
	cues := readCues(toks, lang)
	pq := parsedQuery{year: -1, media: hasMediaLink(query),
		group: cues.group, personal: cues.personal, dated: cues.dated,
		us: cues.us, sweep: cues.sweep, question: endsWithQuestion(body),
		terms: s.terms[:0], bigrams: s.bigrams[:0]}
	// A question that speaks for "us" or sweeps ("who checks they leave? nobody", "who says we
	// need immigration? we were fine before") is rhetorical, not a request for help.
	pq.practical = cues.help && !pq.us && !pq.sweep && !cues.rhetorical || cues.event
	defer func() { s.terms, s.bigrams = pq.terms, pq.bigrams }() // their room is reused
	if id, ok := ix.termIDs[year]; ok {
		pq.year = id
	}
	slot := func(id int32) (int, bool) {
		// Most of a query's terms are not yet in pq.terms: markBits (a bit a term, mostly in
		// the processor's cache) says so without reading mark (4 bytes a term, and for a
		// large vocabulary a wait for memory for each).
		if !s.marked(id) {
			return -1, false
		}
		i := s.mark[id] - 1
		return int(i), i >= 0
	}
	add := func(id int32, role int, w float32, cap bool) {
		if i, ok := slot(id); ok {
			pq.terms[i].w += w
			pq.terms[i].cap = pq.terms[i].cap || cap
			if role < pq.terms[i].role {
				pq.terms[i].role = role
			}
			return
		}
		pq.terms = append(pq.terms, qterm{id: id, role: role, w: w, cap: cap, partner: -1})
		s.setMark(id, len(pq.terms)-1)
	}
	prev := int32(-1)
	wordAt := slices.Grow(s.wordAt[:0], len(toks)+1)[:len(toks)+1] // by word position (from 1): index in pq.terms plus one
	clear(wordAt)
	s.wordAt = wordAt
	for _, tm := range analyzeTokens(toks, lang, ix.stems, false, ix.opts.ConceptWeight > 0) {
		id, known := ix.termID(tm)
		switch {
		case tm.concept:
			pq.group = pq.group || groupConcepts[tm.stem]
			if known {
				_, merged := slot(id)
				if !merged {
					pq.sq += ix.cosWeight(id) * ix.cosWeight(id)
				}
				add(id, roleConcept, float32(ix.opts.ConceptWeight), false)
				if !merged {
					i, _ := slot(id)
					if w := wordAt[tm.pos]; w > 0 {
						pq.terms[i].partner = int(w - 1)
					} else {
						pq.terms[i].orphan = true
					}
				}
			}
			continue
		case tm.num:
			if known {
				add(id, roleNum, 1, false)
			}
			continue
		}
		pq.nWords++
		w := float32(1)
		fuzzy := false
		if !known && ix.opts.FuzzyWeight > 0 {
			id, known = ix.fuzzyWord(tm.stem, toks[tm.pos-1].word, lang)
			w = float32(ix.opts.FuzzyWeight)
			fuzzy = known
		}
		if !known {
			pq.nDistinct++
			pq.sq += (ix.maxIDF + 1) * (ix.maxIDF + 1)
			pq.wordIDF += ix.maxIDF
			if tm.cap {
				pq.capIDF += ix.maxIDF
			}
			prev = -1
			continue
		}
		if i, dup := slot(id); !dup || pq.terms[i].role != roleWord {
			pq.nDistinct++
			pq.sq += ix.cosWeight(id) * ix.cosWeight(id)
			pq.wordIDF += ix.idf[id]
			if tm.cap {
				pq.capIDF += ix.idf[id]
			}
		}
		add(id, roleWord, w, tm.cap)
		wordAt[tm.pos] = s.mark[id]
		if fuzzy {
			// The misspelled word evoked no concept; the word it stands for may.
			ix.addFuzzyConcept(&pq, id, w, s)
		}
		if prev >= 0 {
			pq.bigrams = append(pq.bigrams, uint64(prev)<<32|uint64(id))
		}
		prev = id
	}
	if author != "" && ix.opts.AuthorWeight > 0 {
		for _, tm := range analyze(author, lang, ix.stems, false, false) {
			if id, ok := ix.termID(tm); ok && !tm.num {
				pq.nAuthors++
				add(id, roleAuthor, float32(ix.opts.AuthorWeight), false)
			}
		}
	}
	return pq
}

// termID returns the term id of an analyzed word of a query: the one its analysis found with
// its stem (see stemEntry), else its stem's, if the index has it.
func (ix *Index) termID(tm term) (int32, bool) {
	if tm.id >= 0 {
		return tm.id, true
	}
	id, ok := ix.termIDs[tm.stem]
	return id, ok
}

// addFuzzyConcept adds the concept of the vocabulary word (term id) found for a misspelled one,
// partnered with it as analyzeTokens partners a concept with the word that evokes it: in
// "refugges get more mony then our pensoners" both misspellings stand for words of synonym
// groups, and the concepts are what carries the claim across languages.
func (ix *Index) addFuzzyConcept(pq *parsedQuery, id int32, w float32, s *scratch) {
	c, ok := conceptIndex[ix.terms[id]]
	if !ok || ix.opts.ConceptWeight <= 0 {
		return
	}
	cid, ok := ix.termIDs[c]
	if !ok {
		return
	}
	word := int(s.mark[id] - 1)
	pq.group = pq.group || groupConcepts[c] // "imigrants" names a group as "immigrants" does
	if i := s.mark[cid] - 1; i >= 0 {
		pq.terms[i].w += w * float32(ix.opts.ConceptWeight)
		return
	}
	pq.sq += ix.cosWeight(cid) * ix.cosWeight(cid)
	pq.terms = append(pq.terms, qterm{id: cid, role: roleConcept, w: w * float32(ix.opts.ConceptWeight), partner: word})
	s.setMark(cid, len(pq.terms)-1)
}

// groupConcepts are the concepts that name a group of people the myths speak about.
var groupConcepts = map[string]bool{"~immigrant": true, "~refugee": true, "~asylum": true,
	"~illegal": true, "~student": true, "~temporary": true}

// groupPronouns are the (folded) third-person plural pronouns and determiners: a reply under a
// post says "they're flooding the hospitals", "ils nous volent nos jobs", not who.
var groupPronouns = wordSet(`they them their theirs themselves these those ils elles eux leur
	leurs ceux celles ellos ellas`)

// firstPersonSingular are the (folded) words of the first person singular. Tokens split at
// apostrophes, so "I'm" gives "i" and "j'ai" gives "j". The object pronoun "me" counts too: "me
// llegó un aviso" is the asker's own business; "ils me volent ma job" names a group, and the
// feature only fires without one.
var firstPersonSingular = wordSet(`i my mine myself me je j moi mon ma mes yo mi mis`)

// dateWords are the (folded) months, the words for the current day, and, as folded word pairs,
// the current, next or last month, week or year ("this year", "mois prochain", "este año"). News and notices ("the
// minimum wage goes up in October", "l'attente à l'urgence est de 12h aujourd'hui") name them;
// claims about a group seldom do.
var dateWords = wordSet(`january february march april june july august september october november
	december janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre
	enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre
	today aujourd hoy this_year this_month next_month next_week last_week cette_annee ce_mois
	mois_prochain semaine_prochaine este_ano este_mes proximo_mes proxima_semana`)

// rhetoricalPairs are (folded) word pairs of questions that expect no answer: "how is anyone
// supposed to afford rent", "how come they...", "comment veux-tu trouver un logement",
// "¿cómo vas a pagar un alquiler?". Such a question opens like a request for help but is a claim.
var rhetoricalPairs = wordSet(`supposed_to how_come veux_tu voulez_vous como_vas como_van`)

// inGroupWords are the (folded) words of the first person plural, with which a claim speaks for
// "us" against "them": "they take our jobs", "ils volent nos emplois", "nos quitan las casas".
// French "on" is left out: it is as often "one" or "people" ("on attend 8 heures").
var inGroupWords = wordSet(`we us our ours ourselves nous notre nos nosotros nosotras nuestro nuestra
	nuestros nuestras`)

// sweepingWords are (folded) quantifiers that generalize: claims about a group say "all",
// "every", "never"; practical questions and news seldom do.
var sweepingWords = wordSet(`all every everyone everything always never nobody most tous toutes
	toujours jamais plupart todos todas siempre nunca nadie mayoria`)

// endsWithQuestion reports whether the text's last character, past spaces, closing quotes and
// brackets, full stops and exclamation marks ("?!"), is a question mark. Members' practical questions end with one;
// claims mostly do not, rhetorical questions aside, which the model weighs with the other cues.
func endsWithQuestion(text string) bool {
	t := strings.TrimRight(text, " \t\n\r\"')»”.!)")
	return strings.HasSuffix(t, "?")
}

// unmark clears what parseQuery left in s.mark.
func (pq *parsedQuery) unmark(s *scratch) {
	for _, t := range pq.terms {
		s.mark[t.id] = 0
		s.markBits[t.id>>6] = 0
	}
}

// helpOpeners are the (folded) first words of practical questions: "how do I renew...",
// "where can I...", "¿dónde saco...?", and "how many" in French and Spanish ("combien...",
// "¿cuántos...?") as in English. Members ask such questions in the same threads as the claims;
// the myths are checked with "is it true...", "do immigrants...", "why...". A cue, not a rule:
// the learned model weighs it with the others.
var helpOpeners = wordSet(`how where when which who what comment ou quand quel quelle quels qui como
	donde cuando cual quien combien cuanto cuanta cuantos cuantas`)

// helpPhrases are requests for help or advice anywhere in a message ("any tips?", "does anyone
// know", "quelqu'un connaît", "j'ai besoin", "alguien sabe", "¿qué hago?", "que faire?"), as
// folded word pairs. Only the
// first person asks for help: "on n'a pas besoin d'immigrants" is a claim.
var helpPhrases = wordSet(`any_tips any_recommendations any_advice anyone_know anybody_know
	someone_help can_someone looking_for need_help recommend_a quelqu_un quelqu_une ai_besoin
	alguien_sabe alguien_conoce necesito_ayuda recomiendan_algun can_i do_i any_leads puis_je je_peux
	des_conseils je_cherche que_puedo puedo_hacer que_hago que_faire comment_faire what_should
	should_i dois_je debo_hacer how_to how_do how_does how_can`)

// eventWords name days and times: messages announcing a meeting, a fair or a rally ("free tax
// clinic on saturday", "la manif est à 17h") share a thread with claims but are not claims.
var eventWords = wordSet(`monday tuesday wednesday thursday friday saturday sunday tonight tomorrow
	lundi mardi mercredi jeudi vendredi samedi dimanche demain soir lunes martes miercoles
	jueves viernes sabado domingo manana`)

// queryCues are what a query's tokens say beyond their terms: cues the learned model weighs,
// not rules.
type queryCues struct {
	// group: a pronoun points at a group of people (groupPronouns), or, in Spanish, which
	// drops its pronouns, a verb in the third person plural ("nos quitan las casas", "viven de
	// las ayudas"). A claim is about a group; a practical question or a remark about one's own
	// grandmother's pension seldom is.
	group bool
	// personal: the first person singular (firstPersonSingular): "my permit expires", "ma mère
	// attend son chèque". People asking about their own affairs use the myths' words without
	// making a claim about a group; combined with the absence of a group (see fPersonal).
	personal bool
	dated    bool // a month or the current day, month or year (dateWords, words or pairs)
	us       bool // the first person plural (inGroupWords)
	sweep    bool // a sweeping quantifier (sweepingWords)
	// help: the query opens like a practical question (helpOpeners) or asks for help
	// (helpPhrases); rhetorical: it has a rhetorical question's pair (rhetoricalPairs).
	help, rhetorical bool
	event            bool // a day (eventWords) or a time of day ("5pm", "17h")
}

// Bits of wordCues and pairCues: the sets a word or a pair of words (joined by "_") is in.
const (
	cueGroup      = 1 << iota // groupPronouns
	cuePersonal               // firstPersonSingular
	cueDate                   // dateWords
	cueUs                     // inGroupWords
	cueSweep                  // sweepingWords
	cueOpener                 // helpOpeners
	cueEvent                  // eventWords
	cuePairStart              // the word begins a pair of dateWords, helpPhrases or rhetoricalPairs
	cueHelpPair               // helpPhrases
	cueRhetorical             // rhetoricalPairs
)

// wordCues has, for every word of the cues' sets, the bits of the sets it is in; pairCues the
// same for the sets of pairs. One look-up of each word, and of a pair only when its first word
// begins one, replaces a look-up of each word in each set: the cues were read in a pass over
// the tokens each, which cost a pasted tweet several microseconds.
var wordCues, pairCues = func() (words, pairs map[string]uint16) {
	words, pairs = map[string]uint16{}, map[string]uint16{}
	type setBit struct {
		set map[string]bool
		bit uint16
	}
	for _, sb := range []setBit{{groupPronouns, cueGroup}, {firstPersonSingular, cuePersonal}, {dateWords, cueDate},
		{inGroupWords, cueUs}, {sweepingWords, cueSweep}, {helpOpeners, cueOpener}, {eventWords, cueEvent}} {
		for w := range sb.set {
			words[w] |= sb.bit
		}
	}
	for _, sb := range []setBit{{dateWords, cueDate}, {helpPhrases, cueHelpPair}, {rhetoricalPairs, cueRhetorical}} {
		for p := range sb.set {
			pairs[p] |= sb.bit
			// A pair "a_b" of the tokens a and b can be p only where p has a "_" after a.
			for i := range len(p) {
				if p[i] == '_' {
					words[p[:i]] |= cuePairStart
				}
			}
		}
	}
	return words, pairs
}()

// readCues reads the cues of the tokens, in lang, in one pass.
func readCues(toks []token, lang string) queryCues {
	var c queryCues
	var prev uint16 // the word before's bits
	var buf [64]byte
	for i, t := range toks {
		w := wordCues[t.word]
		var pair uint16
		if i > 0 && prev&cuePairStart != 0 {
			// The key is looked up without building a string.
			pair = pairCues[string(append(append(append(buf[:0], toks[i-1].word...), '_'), t.word...))]
		}
		prev = w
		c.help = c.help || i == 0 && w&cueOpener != 0 || pair&cueHelpPair != 0
		c.rhetorical = c.rhetorical || pair&cueRhetorical != 0
		c.event = c.event || w&cueEvent != 0
		if t.num {
			if i+1 < len(toks) {
				if next := toks[i+1].word; next == "h" || next == "pm" || next == "am" {
					c.event = true
				}
			}
			continue
		}
		c.group = c.group || w&cueGroup != 0 ||
			lang == "es" && len(t.word) >= 5 && (strings.HasSuffix(t.word, "an") || strings.HasSuffix(t.word, "en"))
		c.personal = c.personal || w&cuePersonal != 0
		c.dated = c.dated || w&cueDate != 0 || pair&cueDate != 0
		c.us = c.us || w&cueUs != 0
		c.sweep = c.sweep || w&cueSweep != 0
	}
	return c
}

// splitTags replaces each one-word hashtag the index does not know ("#housingcrisis") by the
// known words it is made of.
func (ix *Index) splitTags(toks []token, lang string) []token {
	var out []token
	for i, t := range toks {
		var parts []string
		if t.tag && !t.num {
			if _, seen := ix.stems[lang][t.word]; !seen {
				parts = ix.segmentTag(t.word, lang)
			}
		}
		if parts == nil {
			if out != nil {
				out = append(out, t)
			}
			continue
		}
		if out == nil {
			out = append(make([]token, 0, len(toks)+len(parts)), toks[:i]...)
		}
		for _, p := range parts {
			out = append(out, token{word: p, tag: true})
		}
	}
	if out == nil {
		return toks
	}
	return out
}

// queryLanguage detects the language of a query. When detection is unsure, it picks among the
// best-scoring languages the one whose analysis finds the most words in the index.
func (ix *Index) queryLanguage(toks []token, text string) string {
	scores := detectScores(toks, text)
	lang, sure := leader(scores)
	if sure {
		return lang
	}
	top := max(scores[0], scores[1], scores[2])
	bestKnown := -1
	for i, cand := range languages {
		if scores[i] < top {
			continue
		}
		known := 0
		for _, tm := range analyzeTokens(toks, cand, ix.stems, false, false) {
			if _, ok := ix.termIDs[tm.stem]; ok && !tm.num {
				known++
			}
		}
		if known > bestKnown {
			lang, bestKnown = cand, known
		}
	}
	return lang
}

// fuzzyMatch returns the vocabulary stem closest to an unknown one of a query in lang: the
// nearest, and among equally near ones the most frequent. A misspelled word most likely stands
// for a word of its own language: when the index has texts in lang, stems of those texts come
// first, and stems found only in other languages are considered only for longer words, which
// have few neighbours in three vocabularies. So a French "salut" is not read as the Spanish
// "saltan" (stem "salt"), while "crimnals" still finds the Spanish "criminal".
func (ix *Index) fuzzyMatch(stem, lang string) (int32, bool) {
	bit := langBit(lang)
	if ix.langs&bit == 0 {
		bit = 0
	}
	ids := ix.fuzzy.lookup(stem, ix.termIDs, ix.terms)
	best := ix.nearest(stem, ids, func(id int32) bool { return ix.termLangs[id]&bit == bit })
	if best < 0 && bit != 0 && len(stem) >= minCrossFuzzyLen {
		best = ix.nearest(stem, ids, func(int32) bool { return true })
	}
	return best, best >= 0
}

// minCrossFuzzyLen is the shortest stem (in bytes) that fuzzyMatch reads as a misspelling of a
// word of another language than the query's.
const minCrossFuzzyLen = minFuzzyLen + 1

// nearest returns, among the ids that ok accepts, the one whose term is nearest to stem, and
// among equally near ones the most frequent, or -1.
func (ix *Index) nearest(stem string, ids []int32, ok func(int32) bool) int32 {
	best, bestDist, bestDF := int32(-1), 99, 0
	for _, id := range ids {
		if !ok(id) {
			continue
		}
		d := editDistance(stem, ix.terms[id], 2)
		df := len(ix.postings[id])
		if d < bestDist || (d == bestDist && df > bestDF) {
			best, bestDist, bestDF = id, d, df
		}
	}
	return best
}
