package match

import "strings"

// conceptGroups are curated cross-language synonym groups: general vocabulary of the topics the
// fact base covers, so that a Spanish "alquiler" finds a myth whose texts say "rent" or "loyer".
// Each word is analyzed like text in its language; a word of a group adds the concept term
// "~name" beside its own stem. Multi-word entries ("aide sociale") match as consecutive stems.
// Keep entries to ordinary words of the topic: a group is a meaning, not a list of test sentences.
var conceptGroups = map[string]map[string]string{
	"immigrant": {
		"en": "immigrant immigrants immigration migrant migrants newcomer newcomers new_comers foreigner foreigners immigrated new_arrivals",
		"fr": "immigrant immigrants immigre immigres immigration migrant migrants etranger etrangers nouveaux_arrivants nouvel_arrivant immigree immigrees etrangere etrangeres viennent_arriver vient_arriver",
		"es": "inmigrante inmigrantes inmigracion migrante migrantes extranjero extranjeros recien_llegados recien_llegado inmigrada inmigradas extranjera extranjeras acaban_llegar acaba_llegar gente_afuera",
	},
	"blame": {
		"en": "because blame fault thanks cause causing caused",
		"fr": "cause faute",
		"es": "culpa causa",
	},
	"housing": {
		"en": "housing house houses home homes rent rents renting rental apartment apartments basement condo bedroom mortgage",
		"fr": "logement logements loyer loyers maison maisons appartement appartements appart apparts loger immobilier hypotheque",
		"es": "vivienda viviendas alquiler alquileres renta casa casas departamento departamentos piso pisos",
	},
	"job": {
		"en": "job jobs employment unemployment unemployed hire hired hiring",
		"fr": "emploi emplois job jobs travail chomage chomeur embauche embaucher",
		"es": "trabajo trabajos empleo empleos chamba desempleo paro contratar",
	},
	"wage": {
		"en": "wage wages salary salaries paycheck paychecks paycheque paycheques pay raise raises",
		"fr": "salaire salaires paie payes",
		"es": "salario salarios sueldo sueldos paga",
	},
	"cheap": {
		"en": "cheap cheaper",
		"fr": "bon_marche cheap",
		"es": "barato barata baratos",
	},
	"welfare": {
		"en": "welfare social_assistance benefits handouts freeloader freeloaders freeloading mooch moochers sponging leech leeches handout dime free_money burden",
		"fr": "aide_sociale bs prestations allocations profiteurs profiteur assistes allocs gratos crochets fardeau",
		"es": "asistencia_social ayudas subsidios prestaciones paguitas paguita subsidio mantenidos aprovechados sopa_boba carga",
	},
	"tax": {
		"en": "tax taxes taxpayer taxpayers",
		"fr": "impot impots taxes contribuable contribuables",
		"es": "impuesto impuestos contribuyente contribuyentes",
	},
	"refugee": {
		"en": "refugee refugees",
		"fr": "refugie refugies",
		"es": "refugiado refugiados",
	},
	"asylum": {
		"en": "asylum asylum_seeker asylum_seekers claimant claimants",
		"fr": "asile demandeur_asile demandeurs_asile",
		"es": "asilo asilado asilados solicitante_asilo solicitantes_asilo",
	},
	"pensioner": {
		"en": "pensioner pensioners pension pensions senior seniors retiree retirees elderly grandma grandmother grandpa nan granny grandparents",
		"fr": "retraite retraites pension pensions aine aines personnes_agees vieillesse grand_mere grands_parents",
		"es": "jubilado jubilados pensionado pensionados pension pensiones ancianos personas_mayores abuela abuelo abuelos abuelas",
	},
	"money": {
		"en": "money cash",
		"fr": "argent",
		"es": "dinero plata",
	},
	"crime": {
		"en": "crime crimes criminal criminals criminality theft thefts violence violent lawbreaker lawbreakers thug thugs gang gangs break_ins robbery robberies stabbings",
		"fr": "crime crimes criminel criminels criminalite delinquance delinquant delinquants violence voyou voyous gang gangs cambriolage cambriolages",
		"es": "crimen crimenes delito delitos delincuencia delincuente delincuentes criminal criminales criminalidad violencia delinquir pandilla pandillas maleantes",
	},
	"health": {
		"en": "health healthcare hospital hospitals doctor doctors er emerg",
		"fr": "sante hopital hopitaux medecin medecins urgences soigner soins",
		"es": "salud hospital hospitales medico medicos urgencias",
	},
	"illegal": {
		"en": "illegal illegals illegally undocumented clandestine border_hoppers border_jumpers without_status no_status without_papers no_papers",
		"fr": "illegal illegaux illegale illegalement sans_papiers clandestin clandestins sans_statut",
		"es": "ilegal ilegales ilegalmente indocumentado indocumentados sin_papeles sin_estatus",
	},
	"deport": {
		"en": "deport deported deportation deportations expel removal ship_back shipped_back send_home sent_home send_back",
		"fr": "expulser expulsion expulsions deporter deportation renvoyer dehors",
		"es": "deportar deportacion deportaciones expulsar expulsion echar echarlos",
	},
	"status": {
		"en": "status residency permanent_residency permanent_resident permanent_residence pr",
		"fr": "statut residence_permanente resident_permanent rp",
		"es": "estatus residencia residencia_permanente residente_permanente",
	},
	"amnesty": {
		"en": "amnesty regularization regularize regularizing regularisation",
		"fr": "amnistie regularisation regulariser",
		"es": "amnistia regularizacion regularizar",
	},
	"law": {
		"en": "law laws rules",
		"fr": "regles", // not "loi": its stem is the stem of "loyer"
		"es": "ley leyes reglas",
	},
	"temporary": {
		"en": "temporary seasonal tfw tfws",
		"fr": "temporaire temporaires saisonnier saisonniers tet",
		"es": "temporal temporales temporero temporeros jornalero jornaleros",
	},
	"exploit": {
		"en": "exploit exploited exploitation slavery abuse abused",
		"fr": "exploiter exploite exploites exploitation esclavage abus",
		"es": "explotar explotado explotados explotacion esclavitud abuso abusos",
	},
	"farm": {
		"en": "farm farms farmworkers agricultural",
		"fr": "ferme fermes agricole agricoles",
		"es": "granja granjas agricola agricolas",
	},
	"queue": {
		"en": "queue line jumpers line_cutters line_jumpers skip_line skipped_line",
		"fr": "file resquilleurs tour",
		"es": "fila cola colarse colan saltan saltaron turno",
	},
	"border": {
		"en": "border borders",
		"fr": "frontiere frontieres",
		"es": "frontera fronteras",
	},
	"need": {
		"en": "need needs",
		"fr": "besoin",
		"es": "necesita necesitar necesitamos",
	},
	"million": {
		"en": "million millions",
		"fr": "million millions",
		"es": "millon millones",
	},
	"beg": {
		"en": "beg begged begging plead pleading",
		"fr": "supplie supplier quemande quemander mendie mendier mendient",
		"es": "rogo rogar suplicar suplicando mendigar mendigando",
	},
	"leader": {
		"en": "leader leaders",
		"fr": "dirigeant dirigeants",
		"es": "lider lideres",
	},
	"steal": {
		"en": "steal stealing stole take taking took",
		"fr": "voler volent prendre prennent",
		"es": "quitar quitan robar roban",
	},
	"lower": {
		"en": "lower lowering undercut",
		"fr": "baisser baissent",
		"es": "bajar bajan",
	},
	"rise": {
		"en": "rise rises rising increase increases increasing soar soaring skyrocket skyrocketing",
		"fr": "monter monte montent hausse augmenter augmente augmentent augmentation grimper grimpe exploser explose explosent",
		"es": "subir sube suben aumentar aumenta aumentan aumento disparan dispara",
	},
	"grow": {
		"en": "grow growing growth",
		"fr": "croissance croitre grandir",
		"es": "crecer crecimiento",
	},
	"economy": {
		"en": "economy economic",
		"fr": "economie economique",
		"es": "economia economico",
	},
	"aging": {
		"en": "aging ageing",
		"fr": "vieillissement vieillissante",
		"es": "envejecimiento envejece",
	},
	"worker": {
		"en": "worker workers labour labor",
		"fr": "travailleur travailleurs main_oeuvre",
		"es": "obrero obreros mano_obra", // not "trabajador": its stem is the stem of "trabajo"
	},
	"student": {
		"en": "student students study studying studies study_permit study_permits college colleges tuition diploma diplomas",
		"fr": "etudiant etudiants etudes etudier permis_etudes cegep college colleges diplome diplomes",
		"es": "estudiante estudiantes estudiar estudios permiso_estudio colegio colegios universidad universidades diploma diplomas matricula",
	},
	"price": {
		"en": "price prices expensive afford affordable",
		"fr": "prix cher abordable",
		"es": "precio precios caro cara asequible",
	},
	"shortage": {
		"en": "shortage",
		"fr": "penurie",
		"es": "escasez",
	},
	"government": {
		"en": "government",
		"fr": "gouvernement",
		"es": "gobierno",
	},
	"hotel": {
		"en": "hotel hotels motel motels shelter shelters",
		"fr": "hotel hotels motel motels hebergement",
		"es": "hotel hoteles motel moteles albergue albergues",
	},
	"homeless": {
		"en": "homeless homelessness encampment encampments tents",
		"fr": "itinerant itinerants itinerance sans_abri sdf",
		"es": "sin_techo sin_hogar indigente indigentes",
	},
	"detention": {
		"en": "detention detained detain detainee detainees jail jails prison prisons",
		"fr": "detention detenu detenus detenir prison prisons",
		"es": "detencion detenido detenidos detener carcel carceles prision encerrados",
	},
	"lmia": {
		"en": "lmia lmias",
		"fr": "eimt ptet",
		"es": "lmia",
	},
	"youth": {
		"en": "youth young teen teens teenagers",
		"fr": "jeune jeunes ado ados adolescents",
		"es": "joven jovenes adolescentes chavos muchachos",
	},
	"caregiver": {
		"en": "caregiver caregivers psw psws nanny nannies personal_support_worker care_aide care_aides nurse nurses long_term_care ltc nursing_home nursing_homes",
		"fr": "prepose preposes preposee preposees pab aide_familiale aides_familiales nounou infirmiere infirmieres chsld foyer_soins foyers_soins",
		"es": "cuidador cuidadores cuidadora cuidadoras ninera nineras enfermera enfermeras enfermero enfermeros residencia_ancianos residencias_ancianos",
	},
	"permit": {
		"en": "permit permits visa visas",
		"fr": "permis visa visas",
		"es": "permiso permisos visa visas",
	},
	"expire": {
		"en": "expire expired expiring expires overstay overstayed overstaying",
		"fr": "expire expirer expires expiration perime perimes",
		"es": "vencer vencido vencidos vence vencen caducado caducados caducar expirar",
	},
	"levels": {
		"en": "levels target targets quota quotas cap caps",
		"fr": "niveaux cible cibles quota quotas plafond",
		"es": "niveles meta metas cuota cuotas tope",
	},
	"population": {
		"en": "population overpopulation overpopulated",
		"fr": "population surpopulation",
		"es": "poblacion sobrepoblacion habitantes",
	},
	"gdp": {
		"en": "gdp productivity per_capita per_person poorer ponzi living_standards",
		"fr": "pib productivite appauvrit appauvrir ponzi niveau_vie",
		"es": "pib productividad per_capita empobrece empobrecer ponzi nivel_vida",
	},
	"replace": {
		"en": "replace replacing replaced replacement century_initiative",
		"fr": "remplacer remplacement remplacent remplaces initiative_siecle",
		"es": "reemplazar reemplazo reemplazan reemplazados sustituir sustitucion iniciativa_siglo",
	},
	"vote": {
		"en": "vote votes voting voted voter voters ballot ballots election elections",
		"fr": "vote voter votent votes electeur electeurs election elections scrutin",
		"es": "voto votos votar votan votaron votante votantes eleccion elecciones",
	},
	"citizen": {
		"en": "citizen citizens citizenship passport passports",
		"fr": "citoyen citoyens citoyennete passeport passeports",
		"es": "ciudadano ciudadanos ciudadania pasaporte pasaportes",
	},
	"language": {
		"en": "english french language languages speak speaking",
		"fr": "anglais francais langue langues parler parlent",
		"es": "ingles frances idioma idiomas hablar hablan",
	},
	"integrate": {
		"en": "integrate integrating integration assimilate assimilation ghetto ghettos",
		"fr": "integrer integration integrent assimiler assimilation ghetto ghettos",
		"es": "integrar integracion integran integrarse asimilar asimilacion gueto guetos",
	},
	"birth": {
		"en": "birth births born baby babies pregnant maternity birthright",
		"fr": "naissance naissances accoucher accouchement bebe bebes enceinte enceintes",
		"es": "nacimiento nacimientos nacer parto bebe bebes embarazada embarazadas",
	},
	"remit": {
		"en": "remittance remittances western_union send_money sending_money",
		"fr": "transfert transferts western_union envoyer_argent",
		"es": "remesa remesas western_union enviar_dinero mandar_dinero",
	},
	"disease": {
		"en": "disease diseases tb tuberculosis measles infection infections infectious virus sick illness epidemic outbreak",
		"fr": "maladie maladies tuberculose rougeole infection infections virus malade malades epidemie",
		"es": "enfermedad enfermedades tuberculosis sarampion infeccion infecciones virus enfermo enfermos epidemia",
	},
	"screening": {
		"en": "screening screened medical_exam vaccine vaccines vaccinated",
		"fr": "depistage examen_medical vaccin vaccins vaccine vaccines",
		"es": "examen_medico vacuna vacunas vacunado vacunados",
	},
	"fraud": {
		"en": "bogus fake fraud fraudulent scam scams",
		"fr": "faux fausse fausses fraude frauduleux arnaque bidon",
		"es": "falso falsos falsa falsas fraude fraudulento estafa",
	},
	"coverage": {
		"en": "dental dentist glasses eyeglasses prescription prescriptions coverage physio",
		"fr": "dentaire dentiste lunettes couverture physio",
		"es": "dental dentista lentes anteojos medicamentos medicinas cobertura fisioterapia",
	},
	"canada": {
		"en": "canada canadian canadians",
		"fr": "canada canadien canadiens",
		"es": "canada canadiense canadienses",
	},
}

// conceptIndex maps the stem (or two stems joined by a space) of every group word to its concept
// term. Stems are language-independent keys, like the index's own terms.
var conceptIndex = buildConceptIndex()

func buildConceptIndex() map[string]string {
	idx := map[string]string{}
	for name, langs := range conceptGroups {
		for lang, words := range langs {
			for _, w := range strings.Fields(words) {
				idx[conceptKey(lang, w)] = "~" + name
			}
		}
	}
	return idx
}

// conceptKey is the index key of a group word: its stem, or for "aide_sociale" the stems of its
// words joined by a space (stop words left out, as in analyzed text).
func conceptKey(lang, w string) string {
	var stems []string
	for _, part := range strings.Split(w, "_") {
		if !isStop(lang, part) {
			stems = append(stems, stemmers[lang](part, true))
		}
	}
	return strings.Join(stems, " ")
}
