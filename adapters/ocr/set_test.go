package ocr_test

import (
	"image"
	"testing"
)

// claimPost is a claim as people post it, written for these tests (not taken from the fact
// base's phrasings or the evaluation sets), with the myth that answers it.
type claimPost struct {
	myth, lang, text string
}

// claimPosts are drawn as memes, screenshots and photos of print in turn.
var claimPosts = []claimPost{
	{"jobs", "en", "They come here and take our jobs. My kid can't even get hired at a gas station"},
	{"refugee-pension-hoax", "en", "Refugees get more money every month than our seniors who worked 40 years. Share if you agree"},
	{"housing", "en", "Rent doubled because Ottawa let in too many immigrants and students. Wake up people #HousingCrisis"},
	{"crime", "en", "Crime went up in every city since they let all these immigrants in. Coincidence?"},
	{"welfare", "en", "Newcomers don't pay a cent in taxes and live off welfare that we pay for"},
	{"health-care", "en", "8 hour wait at the ER because immigrants are clogging up our hospitals"},
	{"asylum-hotels", "en", "Asylum seekers get free hotel rooms while our veterans sleep on the street"},
	{"disease", "en", "Immigrants are bringing tuberculosis and measles back. Nobody talks about it"},
	{"voting", "en", "Trudeau imports immigrants so they vote Liberal. That's the real plan"},
	{"great-replacement", "en", "They are replacing us. 100 million Canadians by 2100 is the plan #CenturyInitiative"},
	{"wages", "en", "Cheap foreign labour is pushing wages down for every Canadian worker"},
	{"remittances", "en", "Immigrants send every paycheque back home, nothing stays in our economy"},
	{"international-students", "en", "These international students aren't here to study, they're here to work and get PR"},
	{"tfw-youth-jobs", "en", "Temporary foreign workers got all the summer jobs, teens can't find work anymore"},
	{"integration", "en", "They never learn English and they refuse to integrate"},
	{"million-immigrants-hoax", "en", "Trudeau begged other countries to send us a million immigrants!!"},
	{"queue-jumpers", "en", "The Roxham Road crowd jumped the line while real immigrants waited years"},
	{"birth-tourism", "en", "Foreign women fly in to give birth so the baby gets citizenship and the whole family follows"},

	{"jobs", "fr", "Ils viennent voler nos emplois et personne ne dit rien"},
	{"refugee-pension-hoax", "fr", "Les réfugiés touchent plus que nos retraités. Partagez si vous êtes d'accord"},
	{"housing", "fr", "Les loyers explosent à cause des immigrants et des étudiants étrangers #crisedulogement"},
	{"crime", "fr", "Les immigrants amènent la criminalité dans nos quartiers"},
	{"welfare", "fr", "Les immigrés ne paient pas d'impôts et vivent de l'aide sociale"},
	{"health-care", "fr", "Nos urgences débordent à cause des immigrants"},
	{"asylum-hotels", "fr", "Les demandeurs d'asile logés gratuitement à l'hôtel pendant que nos itinérants dorment dehors"},
	{"disease", "fr", "Les immigrants ramènent la tuberculose et la rougeole au pays"},
	{"voting", "fr", "Le gouvernement fait venir des immigrants pour qu'ils votent pour lui"},
	{"great-replacement", "fr", "C'est le grand remplacement : ils veulent 100 millions de Canadiens"},
	{"wages", "fr", "L'immigration fait baisser nos salaires"},
	{"bogus-asylum-claims", "fr", "La plupart des demandes d'asile sont bidon, ils veulent juste rester au Canada"},
	{"integration", "fr", "Ils refusent de s'intégrer et n'apprennent jamais le français"},
	{"undocumented", "fr", "Les sans-papiers sont des criminels, il faut tous les expulser"},
	{"remittances", "fr", "Les immigrants envoient tout leur argent dans leur pays d'origine"},
	{"dont-need-immigrants", "fr", "Le Canada n'a pas besoin d'immigrants pour avoir assez de travailleurs"},
	{"refugee-health-coverage", "fr", "Les réfugiés ont les soins dentaires gratuits et pas nous"},
	{"regularization", "fr", "Régulariser les sans-papiers, c'est récompenser ceux qui ont enfreint la loi"},

	{"jobs", "es", "Los inmigrantes nos quitan el trabajo"},
	{"refugee-pension-hoax", "es", "Los refugiados cobran más que nuestros jubilados. Comparte si estás de acuerdo"},
	{"housing", "es", "Los alquileres suben por culpa de los inmigrantes y los estudiantes extranjeros"},
	{"crime", "es", "Los inmigrantes traen delincuencia a nuestras ciudades"},
	{"welfare", "es", "Los inmigrantes no pagan impuestos y viven de las ayudas sociales"},
	{"health-care", "es", "Los hospitales están colapsados por culpa de los inmigrantes"},
	{"asylum-hotels", "es", "Los solicitantes de asilo viven gratis en hoteles mientras los nuestros duermen en la calle"},
	{"disease", "es", "Los inmigrantes traen enfermedades como la tuberculosis"},
	{"voting", "es", "Traen inmigrantes para que voten por el gobierno"},
	{"great-replacement", "es", "Nos están reemplazando con inmigrantes, quieren llegar a 100 millones"},
	{"wages", "es", "Los inmigrantes hacen bajar los sueldos de los trabajadores canadienses"},
	{"undocumented", "es", "Los ilegales son criminales y hay que deportarlos a todos"},
	{"integration", "es", "No se integran y nunca aprenden inglés ni francés"},
	{"remittances", "es", "Mandan todo su dinero a su país y aquí no dejan nada"},
	{"international-students", "es", "Los estudiantes internacionales solo vienen a trabajar y conseguir la residencia"},
	{"immigration-levels", "es", "Canadá deja entrar millones de inmigrantes al año sin ningún plan"},
	{"birth-tourism", "es", "Vienen a dar a luz aquí para que el bebé tenga la ciudadanía"},
	{"care-workers", "es", "Canadá no necesita cuidadoras extranjeras, los canadienses pueden hacer ese trabajo"},
}

// authors sign the screenshots: made-up names and handles, as a screenshot shows them.
var authors = []struct{ name, handle string }{
	{"Patriot Dave", "TrueNorthDave77"},
	{"Sylvie Q.", "sylvie_qc_libre"},
	{"Marco", "marco.ontario"},
	{"CanadaFirst", "CanadaFirst_2025"},
}

// picture is one picture of the set: what it is, how it was drawn, and the myth it claims
// ("" for a picture without a claim).
type picture struct {
	name, myth, kind string
	text             string // the claim as typed, for claim pictures
	data             []byte
}

// claimPictures draws each claim post in turn as a meme, a screenshot and a photo of print.
func claimPictures(t testing.TB) []picture {
	var out []picture
	for i, c := range claimPosts {
		var img image.Image
		var kind string
		var data []byte
		switch i % 3 {
		case 0:
			kind, img = "meme", meme(t, c.text, uint64(i))
			data = encodeJPEG(t, img, 85)
		case 1:
			a := authors[i%len(authors)]
			text := c.text
			if i%2 == 1 {
				text += " #Canada #cdnpoli"
			}
			kind, img = "screenshot", screenshot(t, text, a.name, a.handle, uint64(i))
			data = encodePNG(t, img)
		default:
			kind, img = "print", printed(t, c.text, uint64(i))
			data = encodeJPEG(t, img, 80)
		}
		out = append(out, picture{name: c.lang + "/" + c.myth + "/" + kind, myth: c.myth, kind: kind, text: c.text, data: data})
	}
	return out
}

// plainPictures draws pictures without a claim: cats, rally posters, bus timetables and flyers.
func plainPictures(t testing.TB) []picture {
	var out []picture
	add := func(name string, img image.Image) {
		out = append(out, picture{name: name, kind: "plain", data: encodePNG(t, img)})
	}
	for i := range 3 {
		add("cat", cat(uint64(i)))
	}
	add("rally/en", poster(t, "Rally for public transit", "Saturday 2 PM, City Hall steps\nBring a sign and a friend\nBuses every 10 minutes, that's what we want", 1))
	add("rally/fr", poster(t, "Manifestation pour le climat", "Samedi 14 h, parc Jeanne-Mance\nVenez nombreux avec vos pancartes", 2))
	add("rally/es", poster(t, "Marcha por la vivienda digna", "Domingo a las 11, plaza central\nTrae a tu familia y tu pancarta", 3))
	add("timetable/en", timetable(t, "Route 14 Downtown - Weekdays", []string{"Main St", "Library", "Hospital", "Station"}, 4))
	add("timetable/fr", timetable(t, "Ligne 55 Saint-Laurent - Semaine", []string{"Gare", "Marché", "Université", "Parc"}, 5))
	add("timetable/es", timetable(t, "Línea 7 Centro - Lunes a viernes", []string{"Plaza", "Mercado", "Hospital", "Estación"}, 6))
	add("flyer/en", poster(t, "Lost dog: Biscuit", "Small brown terrier, answers to Biscuit\nLast seen near Elm Park on Tuesday\nCall 555-0142, reward", 7))
	add("flyer/fr", poster(t, "Vente de garage", "Samedi et dimanche, 9 h à 16 h\nLivres, vélos, vaisselle, jouets", 8))
	add("flyer/es", poster(t, "Clases de guitarra", "Martes y jueves a las 6 de la tarde\nCentro comunitario, primera clase gratis", 9))
	return out
}
