package cli

import "strings"

// texts are the CLI's own words around an answer, per language; the answer's words (verdict,
// headings) come with it (bot.Answer.Words). Languages without texts use English.
type texts struct {
	NoAnswer     string
	Topics       string
	NotSure      string // %s: the claim answered, %s: the alternative
	Rephrased    string
	Suggestions  string
	SuggestHint  string // %s: the command that prints one
	NotThis      string // above the alternatives of an answer
	MdNoAnswer   string
	MdRephrased  string
	MdSuggestion string
	// ReadInPicture heads the text read from a picture, so the asker sees what was checked.
	ReadInPicture string
}

var allTexts = map[string]*texts{
	"en": {
		NoAnswer:      "No confident answer: this does not match a claim in the fact base closely enough.",
		Topics:        "Topics it can answer:",
		NotSure:       "(Not sure which claim this is. Answering “%s”; if you meant “%s”, ask again with more words.)",
		Rephrased:     "(Rephrased by AI from a reviewed answer. The reviewed text:)",
		Suggestions:   "No confident answer. Is it one of these?",
		SuggestHint:   "Print one with: %s",
		NotThis:       "Not this one? It may be about:",
		MdNoAnswer:    "*No confident answer.* Topics it can answer:",
		MdRephrased:   "*Rephrased by AI from a reviewed answer. The reviewed text:*",
		MdSuggestion:  "*No confident answer.* Is it one of these?",
		ReadInPicture: "Read in the picture:",
	},
	"fr": {
		NoAnswer:      "Pas de réponse sûre : ce texte ne correspond pas assez à une affirmation de la base.",
		Topics:        "Affirmations auxquelles elle répond :",
		NotSure:       "(Affirmation incertaine. Réponse à « %s » ; si vous pensiez à « %s », reformulez avec plus de mots.)",
		Rephrased:     "(Reformulé par IA à partir d'une réponse vérifiée. Le texte vérifié :)",
		Suggestions:   "Pas de réponse sûre. Est-ce l'une de celles-ci ?",
		SuggestHint:   "Pour en afficher une : %s",
		NotThis:       "Ce n'est pas celle-ci ? Il s'agit peut-être de :",
		MdNoAnswer:    "*Pas de réponse sûre.* Affirmations auxquelles elle répond :",
		MdRephrased:   "*Reformulé par IA à partir d'une réponse vérifiée. Le texte vérifié :*",
		MdSuggestion:  "*Pas de réponse sûre.* Est-ce l'une de celles-ci ?",
		ReadInPicture: "Lu dans l'image :",
	},
	"es": {
		NoAnswer:      "Sin respuesta segura: este texto no coincide lo bastante con ninguna afirmación de la base.",
		Topics:        "Afirmaciones que puede responder:",
		NotSure:       "(No es seguro de qué afirmación se trata. Respuesta a «%s»; si quiso decir «%s», vuelva a preguntar con más palabras.)",
		Rephrased:     "(Reformulado por IA a partir de una respuesta revisada. El texto revisado:)",
		Suggestions:   "Sin respuesta segura. ¿Es alguna de estas?",
		SuggestHint:   "Para ver una: %s",
		NotThis:       "¿No es esta? Puede que se trate de:",
		MdNoAnswer:    "*Sin respuesta segura.* Afirmaciones que puede responder:",
		MdRephrased:   "*Reformulado por IA a partir de una respuesta revisada. El texto revisado:*",
		MdSuggestion:  "*Sin respuesta segura.* ¿Es alguna de estas?",
		ReadInPicture: "Leído en la imagen:",
	},
}

// textsOf returns the CLI's words in the language of a's words (the answer's, or the request's).
func textsOf(lang string) *texts {
	lang, _, _ = strings.Cut(lang, "-")
	if t, ok := allTexts[lang]; ok {
		return t
	}
	return allTexts["en"]
}
