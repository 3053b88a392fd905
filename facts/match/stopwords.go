package match

import "strings"

// Stop words, already case- and accent-folded. They come from the Snowball lists, trimmed of words
// that carry a claim's meaning in this domain (e.g. "more", "against", "plus").
var stopWords = map[string]map[string]bool{
	"en": wordSet(`a about above after again all am an and any are aren as at be been before
		being below between both but by can could couldn did didn do does doesn doing don down during each
		few for from further had hadn has hasn have haven having he her here hers herself him himself his
		how i if in into is isn it its itself just let ll me mightn my myself needn now of off on once only
		or other ought our ours ourselves out over own re same shan she should shouldn so some such than
		that the their theirs them themselves then there these they this those through to too under until
		up very was wasn we were weren what when where which while who whom why will with won would wouldn
		you your yours yourself yourselves ve im youre thats dont cant isnt its via rt amp s t d m y o`),
	"fr": wordSet(`a ai aie aient aies ait as au aura aurai auraient aurais aurait auras aurez auriez aurions
		aurons auront aux avaient avais avait avec avez aviez avions avons ayant ayez ayons c ce ceci cela
		celle celles celui ces cet cette d dans de des du elle elles en es est et etaient etais etait etant
		ete etes etiez etions etre eu eue eues eurent eus eusse eussent eusses eussiez eussions eut eux fut
		furent fus fusse fussent fusses il ils j je l la le les leur leurs lui m ma mais me meme mes moi mon
		n ne nos notre nous on ont ou par pas pour qu que quel quelle qui s sa se sera serai seraient
		serais serait seras serez seriez serions serons seront ses si soi soient sois soit sommes son sont
		soyez soyons suis sur t ta te tes toi ton tu un une vos votre vous y ca c'est cest donc alors tout
		tous toute toutes aussi bien fait faire`),
	"es": wordSet(`a al algo algunas algunos ante antes como con contra cual cuando de del desde donde durante
		e el ella ellas ellos en entre era erais eramos eran eras eres es esa esas ese eso esos esta estaba
		estabais estabamos estaban estabas estad estada estadas estado estados estais estamos estan estar
		estas este esto estos estoy fue fuera fueron fui fuimos ha habia habian han has hay he la las le les
		lo los me mi mis mucho muchos muy nada ni no nos nosotras nosotros o os otra otras otro otros para
		pero poco por porque que quien quienes se sea sean ser si sido sobre sois somos son soy su sus
		suya suyas suyo suyos tambien tanto te tenemos tener tengo ti tiene tienen todo todos tu tus un una
		uno unos vosotras vosotros vuestra vuestro y ya yo asi aqui`),
}

// anyStop is the union of the lists, used when a text's language is unknown.
var anyStop = func() map[string]bool {
	u := map[string]bool{}
	for _, set := range stopWords {
		for w := range set {
			u[w] = true
		}
	}
	return u
}()

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

func isStop(lang, w string) bool {
	if set, ok := stopWords[lang]; ok {
		return set[w]
	}
	return anyStop[w]
}
