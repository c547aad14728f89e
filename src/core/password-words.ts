// Short, friendly words for room passwords a class can be told (setting passwordStyle "words"): about 120
// nouns per language, lower case, plain letters a–z (no umlauts or ij-ligatures to mistype), easy to spell,
// nothing that could hurt. Kept out of password.ts so the page script's bundle never carries them.
import type { Language } from './settings.ts';
import { generatePassword, serverDigitRule, type PasswordStyle, type RandomSource } from './password.ts';

const LISTS: Record<Language, string> = {
  en: `
    apple arrow badge baker banana basket beach bottle bread brick bridge brush bucket cactus camel candle
    canoe carrot castle cherry circle clock cloud coffee comet cookie copper corner cotton desert dolphin
    dragon drum eagle engine falcon feather field forest fox garden glass globe grape guitar hammer harbor
    helmet honey horse island jacket jungle kettle kitten ladder lamp lemon lion magnet mango maple marble
    meadow melon mirror monkey moon motor mountain nest noodle ocean olive orange otter owl paddle panda
    paper parrot peach pencil pepper piano pillow pilot planet pocket pony potato pumpkin puzzle rabbit radio
    rainbow robot rocket saddle salad sandal silver sofa spoon squirrel star station sugar summer sunset
    table teapot tiger tomato tower tractor train tulip turtle valley violin wagon walnut whale window winter
    wizard yellow zebra`,
  de: `
    abend adler ampel anker apfel banane bauer baum berg biene birne blatt blume boot brief brot buch burg
    dach decke dose drache eimer ente erde farbe feder fenster fisch flasche flocke gabel garten geige glas
    glocke gras hafen hafer hammer hase haus helm himmel honig hose hund igel insel jacke kabel kaffee kamel
    kanne katze kerze kette kino kirsche kiste koffer kompass korb krone kuchen lampe leiter licht linde mais
    mantel maus meer melone mond nadel nebel nest nudel ofen orange palme panda papier pilz pinsel planet
    pony puppe rabe radio rakete regen ring rose sand schaf schiff schnee segel sofa sonne spiegel stern
    stift strand tanne tasche teller tiger tisch tomate turm vogel wagen wal wald wasser wiese wolke zebra
    zelt zitrone zug`,
  nl: `
    appel banaan bank berg bloem boek boom boot bord bos brood brug citroen dak deur doos dorp draak eend
    egel ei eiland fiets fles fluit geit gitaar glas gras haas hamer haven helm hemel hond huis jas jurk
    kaars kaas kabel kameel kat kers ketting kist klok koe koffer koffie kompas konijn kroon ladder lamp
    lepel licht maan mand melk meloen mier molen mug muis naald nest oven paard palm panda papier peer pen
    penseel pijl planeet pony pop raaf radio raket regen ring roos schaal schaap schip slak sneeuw sok
    spiegel ster stoel strand taart tafel tand tas tent tijger tomaat toren trein tulp uil veer vis vlag
    vogel vork wagen walvis water wiel wolk zadel zand zebra zee zeil zon zwaan`,
};

const split = (list: string): readonly string[] => list.trim().split(/\s+/);
export const WORDS: Record<Language, readonly string[]> = { en: split(LISTS.en), de: split(LISTS.de), nl: split(LISTS.nl) };

/** The word list for the language shown (its code, e.g. "de"); English for any other. */
export function wordsFor(language: string): readonly string[] {
  return WORDS[(language in WORDS ? language : 'en') as Language];
}

/**
 * The room password for the school's (or teacher's) settings: the server's digits-only rule first (Jitsi's
 * roomPasswordNumberOfDigits), else the chosen style and length; words in the language shown.
 */
export function roomPassword(
  random: RandomSource,
  settings: { passwordStyle: PasswordStyle; passwordLength: number },
  serverDigits: number | null,
  language: string,
): string {
  const digits = serverDigitRule(serverDigits);
  if (digits) return generatePassword(random, { digitsOnly: digits });
  return generatePassword(random, {
    length: settings.passwordLength,
    style: settings.passwordStyle,
    ...(settings.passwordStyle === 'words' ? { words: wordsFor(language) } : {}),
  });
}
