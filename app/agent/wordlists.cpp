#include "app/agent/wordlists.h"

#include <QSet>
#include <QString>

namespace FrontDesk {

namespace {

// Words that never start or continue a name, nor are typos of anything.
constexpr QStringView kFunctionWords[] = {
    u"a", u"an", u"the", u"and", u"or", u"but", u"if", u"so", u"as", u"at", u"by", u"for", u"from", u"in",
    u"into", u"of", u"off", u"on", u"onto", u"out", u"over", u"to", u"up", u"down", u"with", u"without",
    u"about", u"above", u"after", u"again", u"against", u"all", u"am", u"any", u"are", u"arent", u"be",
    u"because", u"been", u"before", u"being", u"below", u"between", u"both", u"can", u"cant", u"cannot",
    u"could", u"couldnt", u"did", u"didnt", u"do", u"does", u"doesnt", u"doing", u"dont", u"during", u"each",
    u"few", u"had", u"hadnt", u"has", u"hasnt", u"have", u"havent", u"having", u"he", u"hed", u"hes", u"her",
    u"here", u"heres", u"hers", u"him", u"his", u"how", u"hows", u"i", u"id", u"ill", u"im", u"ive", u"is",
    u"isnt", u"it", u"its", u"lets", u"me", u"more", u"most", u"my", u"myself", u"no", u"nor", u"not",
    u"now", u"only", u"other", u"our", u"ours", u"own", u"same", u"she", u"shes", u"should", u"shouldnt",
    u"some", u"such", u"than", u"that", u"thats", u"their", u"them", u"then", u"there", u"theres", u"these",
    u"they", u"theyre", u"this", u"those", u"through", u"too", u"under", u"until", u"very", u"was", u"wasnt",
    u"we", u"were", u"weve", u"what", u"whats", u"when", u"where", u"which", u"while", u"who", u"whos",
    u"whom", u"why", u"will", u"wont", u"would", u"wouldnt", u"you", u"youd", u"youll", u"youre", u"youve",
    u"your", u"yours", u"u", u"ur", u"ya", u"yall", u"also", u"just", u"really", u"still", u"even", u"ever",
    u"never", u"always", u"maybe", u"perhaps", u"please", u"pls", u"plz", u"thanks", u"thank", u"thx", u"ty",
    u"yes", u"yeah", u"yep", u"yup", u"yea", u"nope", u"nah", u"ok", u"okay", u"k", u"kk", u"sure", u"hi",
    u"hello", u"hey", u"hiya", u"bye", u"oh", u"um", u"uh", u"hmm", u"lol", u"yo", u"ah", u"wow",
    u"today", u"tomorrow", u"tonight", u"yesterday", u"tmrw", u"morning", u"afternoon", u"evening", u"night",
    u"noon", u"asap", u"monday", u"tuesday", u"wednesday", u"thursday", u"friday", u"saturday", u"sunday",
    u"week", u"weekend", u"next", u"last", u"first", u"second", u"third", u"one", u"two", u"three", u"four",
    u"five", u"six", u"seven", u"eight", u"nine", u"ten", u"eleven", u"twelve", u"none", u"neither", u"either",
    u"whenever", u"anytime", u"sometime", u"soon", u"later", u"earlier", u"earliest", u"soonest", u"good",
    u"great", u"fine", u"cool", u"awesome", u"perfect", u"correct", u"right", u"wrong", u"sorry", u"stop",
    u"start", u"help", u"info", u"cancel", u"unsubscribe", u"quit", u"end", u"here", u"there",
};

// Everyday words: not typos of keywords, not names.
constexpr QStringView kCommonWords[] = {
    // verbs
    u"need", u"needs", u"needed", u"want", u"wants", u"wanted", u"like", u"likes", u"liked", u"looking",
    u"look", u"looks", u"looked", u"get", u"gets", u"got", u"getting", u"go", u"goes", u"going", u"gone",
    u"went", u"come", u"comes", u"coming", u"came", u"make", u"makes", u"making", u"made", u"take", u"takes",
    u"taking", u"took", u"see", u"sees", u"seeing", u"saw", u"seen", u"know", u"knows", u"knew", u"think",
    u"thought", u"say", u"says", u"said", u"tell", u"told", u"ask", u"asked", u"asking", u"call", u"calls",
    u"called", u"calling", u"text", u"texts", u"texted", u"texting", u"work", u"works", u"worked",
    u"working", u"helps", u"fix", u"fixed", u"fixing", u"book", u"booked", u"booking", u"schedule",
    u"scheduled", u"scheduling", u"try", u"tried", u"trying", u"give", u"gave", u"put", u"keep", u"kept",
    u"let", u"set", u"run", u"runs", u"running", u"ran", u"turn", u"turns", u"turned", u"turning", u"stopped",
    u"started", u"starting", u"use", u"used", u"using", u"find", u"found", u"feel", u"feels", u"feeling",
    u"felt", u"hear", u"heard", u"hearing", u"leave", u"left", u"send", u"sent", u"sending", u"wait",
    u"waiting", u"waited", u"check", u"checked", u"checking", u"pay", u"paid", u"paying", u"cost", u"costs",
    u"live", u"lives", u"living", u"move", u"moved", u"moving", u"open", u"opened", u"opens", u"close",
    u"closed", u"closes", u"free", u"busy", u"available", u"sounds", u"sound", u"seems", u"seem", u"happen",
    u"happened", u"happening", u"show", u"showed", u"shows", u"sat", u"sit", u"stand", u"stay", u"talk",
    u"talked", u"speak", u"read", u"write", u"wrote", u"bring", u"brought", u"buy", u"bought", u"sell",
    u"hold", u"meet", u"meeting", u"change", u"changed", u"hope", u"hoping", u"wish", u"love", u"hate",
    u"mean", u"means", u"meant", u"believe", u"guess", u"wonder", u"wondering", u"understand", u"remember",
    u"forgot", u"forget", u"lost", u"lose", u"win", u"won", u"play", u"playing", u"eat", u"eating", u"ate",
    u"drink", u"sleep", u"sleeping", u"drive", u"driving", u"walk", u"walking", u"broke", u"break", u"breaks",
    u"smells", u"smelled", u"blow", u"blows", u"blowing", u"make", u"makes", u"keeps", u"keeping", u"act",
    u"acting", u"acts", u"happy", u"spoke", u"shut", u"shuts", u"hit", u"hits", u"cut", u"cuts", u"dry",
    u"wet", u"drip", u"drips", u"dripping", u"heated", u"cooked", u"cooking", u"cleaned", u"cleaner",
    u"painted", u"paint", u"painting", u"fill", u"filled", u"filling", u"pull", u"pulled", u"push", u"pushed",
    u"rang", u"ring", u"ringing", u"reach", u"reached", u"return", u"returned", u"reply", u"replied",
    u"respond", u"responded", u"plan", u"planned", u"plans", u"rent", u"own", u"owns", u"bought", u"sold",
    u"add", u"added", u"died", u"dies", u"dead", u"quote", u"quoted", u"price", u"priced", u"rate", u"rated",
    u"rates", u"dates", u"date", u"dated", u"gates", u"gate", u"chose", u"choose", u"choice", u"pick",
    u"picked", u"prefer", u"preferred", u"rather", u"care", u"matter", u"matters", u"mind",
    // nouns
    u"time", u"times", u"day", u"days", u"weeks", u"month", u"months", u"year", u"years", u"hour", u"hours",
    u"minute", u"minutes", u"home", u"house", u"place", u"room", u"rooms", u"door", u"doors", u"window",
    u"windows", u"floor", u"floors", u"wall", u"walls", u"kitchen", u"basement", u"attic", u"garage", u"yard",
    u"car", u"phone", u"number", u"name", u"names", u"address", u"street", u"city", u"area", u"zip", u"code",
    u"way", u"thing", u"things", u"stuff", u"problem", u"problems", u"issue", u"issues", u"job", u"jobs",
    u"office", u"family", u"kids", u"kid", u"wife", u"husband", u"mom", u"dad", u"son", u"daughter",
    u"friend", u"people", u"person", u"guy", u"guys", u"man", u"woman", u"team", u"company",
    u"business", u"service", u"services", u"system", u"unit", u"units", u"water", u"air", u"gas", u"power",
    u"light", u"lights", u"noise", u"noises", u"smell", u"cold", u"hot", u"warm", u"cool", u"money", u"bill",
    u"card", u"insurance", u"appointment", u"appointments", u"appt", u"visit", u"tooth", u"teeth", u"mouth",
    u"gum", u"gums", u"face", u"head", u"back", u"side", u"front", u"part", u"parts", u"order", u"question",
    u"questions", u"answer", u"message", u"messages", u"email", u"lunch", u"dinner", u"breakfast", u"school",
    u"store", u"shop", u"test", u"result", u"point", u"case", u"fact", u"hand", u"hands", u"eye", u"eyes",
    u"life", u"world", u"kind", u"lot", u"lots", u"bit", u"rest", u"heart", u"heath", u"header", u"theater",
    u"theatre", u"rain", u"train", u"brain", u"grain", u"main", u"gain", u"post", u"coat", u"prize", u"pride",
    u"quota", u"oven", u"sink", u"link", u"pink", u"fair", u"hair", u"pair", u"chair", u"stair", u"stairs",
    u"pipe", u"pipes", u"duct", u"ducts", u"vent", u"vents", u"leak", u"leaks", u"tank", u"tanks", u"fan",
    u"fans", u"motor", u"filter", u"filters", u"thermostat", u"breaker", u"switch", u"button", u"screen",
    u"outside", u"inside", u"upstairs", u"downstairs", u"bedroom", u"bathroom", u"office", u"building",
    u"apartment", u"condo", u"tenant", u"landlord", u"owner", u"boss", u"doctor", u"dentist", u"nurse",
    u"baby", u"dog", u"cat", u"pet", u"pets", u"party", u"trip", u"vacation", u"holiday", u"birthday",
    u"meal", u"food", u"coffee", u"beer", u"wine", u"tea", u"juice", u"milk", u"bread", u"meat", u"beat",
    u"seat", u"neat", u"treat", u"wheat", u"sweat", u"hearing", u"near", u"clear", u"dear", u"fear", u"gear",
    u"tear", u"wear", u"bear", u"pear", u"hear", u"heal", u"deal", u"meal", u"real", u"seal", u"steal",
    u"head", u"lead", u"bead", u"dead", u"read", u"bread", u"spread", u"thread", u"ahead", u"instead",
    u"sea", u"tea", u"yea", u"plea", u"idea", u"ideas", u"pain", u"pains", u"paid", u"pair", u"pail",
    u"pant", u"pants", u"plan", u"rain", u"gain", u"chain", u"stain", u"drain", u"grain", u"plain",
    u"roof", u"root", u"roots", u"rood", u"hoof", u"proof", u"goof", u"food", u"mood", u"good", u"wood",
    u"hood", u"cooling", u"pooling", u"tooling", u"fooling", u"schooling", u"cooking", u"looking",
    u"hooking", u"booking", u"heating", u"beating", u"seating", u"eating", u"meeting", u"treating",
    u"sealing", u"dealing", u"feeling", u"ceiling", u"healing", u"filing", u"billing", u"willing",
    u"killing", u"telling", u"selling", u"yelling", u"smoke", u"smoking", u"stroke", u"spoke", u"broke",
    u"joke", u"woke", u"poke", u"coke", u"choke", u"smile", u"smiles", u"while", u"whale", u"whiten",
    u"written", u"whiter", u"kitten", u"bitten", u"mitten", u"braces", u"traces", u"graces", u"places",
    u"spaces", u"faces", u"races", u"cases", u"bases", u"clean", u"clear", u"clan", u"clam", u"exam",
    u"exact", u"exams", u"quite", u"quiet", u"quit", u"route", u"sparks", u"spark", u"parks", u"park",
    u"barks", u"marks", u"hurt", u"hurts", u"worst", u"first", u"heat", u"heats",
    u"beats", u"seats", u"plumber", u"plumbers", u"number", u"numbers", u"lumber", u"slumber",
    u"emergency", u"urgent", u"urgently", u"repair", u"repairs", u"install", u"estimate", u"estimates",
    u"new", u"old", u"big", u"small", u"little", u"long", u"short", u"high", u"low", u"different", u"early",
    u"late", u"sooner", u"quick", u"quickly", u"fast", u"slow", u"best", u"better", u"worse", u"bad",
    u"nice", u"glad", u"ready", u"able", u"whole", u"actual", u"full", u"empty", u"broken", u"loud", u"weird",
    u"strange", u"fine", u"safe", u"sick", u"tired", u"hungry", u"fun", u"easy", u"hard", u"sorry",
    u"interested", u"available", u"possible", u"impossible", u"important", u"serious", u"seriously",
    u"again", u"already", u"almost", u"around", u"away", u"else", u"enough", u"every", u"everyone",
    u"everything", u"anyone", u"anything", u"anybody", u"someone", u"something", u"somebody", u"nothing",
    u"nobody", u"many", u"much", u"less", u"least", u"yet", u"ago", u"since", u"though", u"although",
    u"whether", u"unless", u"however", u"probably", u"definitely", u"absolutely", u"actually", u"basically",
    u"literally", u"totally", u"completely", u"exactly", u"especially", u"usually", u"sometimes", u"often",
    u"together", u"alone", u"else", u"instead", u"anyway", u"anyways", u"otherwise", u"besides",
    u"mine", u"hers", u"theirs", u"whose", u"whatever", u"whichever", u"wherever", u"however",
    u"calling", u"interested", u"new", u"patient", u"customer", u"client", u"member", u"owner", u"renter",
    u"looking", u"wanting", u"hoping", u"home", u"away", u"outta", u"gonna", u"wanna", u"gotta", u"kinda",
    u"sorta", u"dunno", u"idk", u"btw", u"omg", u"asap", u"info",
    // adjectives that follow "this is" / "it's"
    u"crazy", u"insane", u"nuts", u"absurd", u"awful", u"terrible", u"horrible", u"ridiculous", u"unacceptable",
    u"pathetic", u"outrageous", u"stupid", u"dumb", u"wild", u"unbelievable", u"amazing", u"noisy", u"smelly",
    u"dirty", u"stuck", u"jammed", u"messy", u"dark", u"freezing", u"soaked", u"scary", u"gross", u"hopeless",
    u"bizarre", u"frustrating", u"annoying", u"disappointing", u"critical", u"major", u"minor", u"tiny", u"huge",
    u"worse", u"worst", u"okay", u"alright", u"done", u"over", u"true", u"false", u"wrong", u"weird", u"silly",
    u"mine", u"ours", u"yours", u"late", u"early", u"closed", u"open", u"busy", u"free", u"urgent", u"serious",
};

const QSet<QString> &functionWordSet()
{
    static const QSet<QString> set = [] {
        QSet<QString> s;
        for (const QStringView w : kFunctionWords)
            s.insert(w.toString());
        return s;
    }();
    return set;
}

const QSet<QString> &commonWordSet()
{
    static const QSet<QString> set = [] {
        QSet<QString> s = functionWordSet();
        for (const QStringView w : kCommonWords)
            s.insert(w.toString());
        return s;
    }();
    return set;
}

} // namespace

bool WordLists::isCommonWord(QStringView word)
{
    return commonWordSet().contains(word.toString());
}

bool WordLists::isFunctionWord(QStringView word)
{
    return functionWordSet().contains(word.toString());
}

bool WordLists::looksLikeNonName(QStringView word)
{
    static constexpr QStringView kEndings[] = {u"ous", u"ful", u"ible", u"able", u"ing", u"ive", u"ish", u"less",
                                               u"ness", u"ated", u"ized", u"ised"};
    if (word.size() < 4)
        return false;
    for (const QStringView ending : kEndings)
        if (word.size() > ending.size() + 2 && word.endsWith(ending))
            return true;
    return word.size() >= 6 && word.endsWith(u"ed") && !word.endsWith(u"fred"); // "busted", not "alfred"
}

} // namespace FrontDesk
