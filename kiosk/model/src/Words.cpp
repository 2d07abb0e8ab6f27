#include "guichet/kiosk/Words.hpp"

#include <array>

namespace guichet::kiosk {
namespace {

using Table = std::array<std::string_view, kKioskTextCount>;

// In the order of KioskText. Reviewed sentence by sentence for FALC: short sentences, one idea
// each, the person addressed directly, digits for numbers, no abbreviation, no symbol the voice
// would read out. French typography: a narrow no-break space (U+202F) before "?" and ":".
constexpr Table kFrench{
    "Un instant.",
    "Nous lisons votre carte.",
    "Adressez-vous à l’accueil.",
    "La borne ne peut pas vous répondre.",
    "Vous avez du courrier.",
    "Pas de courrier pour vous aujourd’hui.",
    "Bonjour {name}.",
    "Votre domiciliation finit le {date}.",
    "Pour la renouveler, allez à l’accueil.",
    "Je veux mon courrier",
    "Terminer",
    "Répéter",
    "Votre numéro",
    "Prenez votre ticket.",
    "Le ticket n’est pas imprimé. Retenez votre numéro.",
    "Attendez. L’accueil va appeler votre numéro.",
    "Nous préparons votre ticket.",
    "Vous êtes encore là\u202f?",
    "Sans réponse, la borne revient au début.",
    "Continuer",
    "Tapez votre code",
    "Le code a 12 chiffres. Il est sur votre carte.",
    "Ce code n’est pas juste. Vérifiez les chiffres.",
    "Effacer",
    "Valider",
    "Retour",
    "La caméra ne marche pas. Tapez votre code ou allez à l’accueil.",
    "Chiffres tapés\u202f: {n} sur 12.",
    "Pour avoir votre courrier, appuyez sur le bouton Je veux mon courrier.",
    "Pour finir, appuyez sur Terminer.",
    "Pour continuer, appuyez sur Continuer.",
    "Bonjour. Montrez votre carte devant la caméra. Vous n’avez pas de carte\u202f? Tapez votre code.",
    "Votre numéro est le {n}.",
    "Il n’y a plus de papier. Votre numéro sera sur l’écran.",
    "Vos informations sont sur l’écran.",
};
constexpr Table kEnglish{
    "One moment.",
    "We are reading your card.",
    "Please go to the front desk.",
    "The kiosk cannot answer for you.",
    "You have mail.",
    "No mail for you today.",
    "Hello {name}.",
    "Your address here ends on {date}.",
    "To renew it, go to the front desk.",
    "I want my mail",
    "Finish",
    "Repeat",
    "Your number",
    "Take your ticket.",
    "The ticket is not printed. Remember your number.",
    "Wait. The desk will call your number.",
    "We are making your ticket.",
    "Are you still there?",
    "With no answer, the kiosk goes back to the start.",
    "Continue",
    "Type your code",
    "The code has 12 digits. It is on your card.",
    "This code is not right. Check the digits.",
    "Erase",
    "OK",
    "Back",
    "The camera does not work. Type your code or go to the front desk.",
    "Digits typed: {n} of 12.",
    "To get your mail, press the button I want my mail.",
    "To finish, press Finish.",
    "To continue, press Continue.",
    "Hello. Show your card to the camera. No card? Type your code.",
    "Your number is {n}.",
    "The printer has no paper. Your number will be on the screen.",
    "Your information is on the screen.",
};
constexpr Table kSpanish{
    "Un momento.",
    "Estamos leyendo su tarjeta.",
    "Diríjase a la recepción.",
    "La máquina no puede responderle.",
    "Tiene correo.",
    "Hoy no hay correo para usted.",
    "Hola, {name}.",
    "Su domiciliación termina el {date}.",
    "Para renovarla, vaya a la recepción.",
    "Quiero mi correo",
    "Terminar",
    "Repetir",
    "Su número",
    "Tome su tique.",
    "El tique no está impreso. Recuerde su número.",
    "Espere. La recepción va a llamar a su número.",
    "Estamos preparando su tique.",
    "¿Sigue usted ahí?",
    "Sin respuesta, la máquina vuelve al inicio.",
    "Continuar",
    "Escriba su código",
    "El código tiene 12 cifras. Está en su tarjeta.",
    "Este código no es correcto. Revise las cifras.",
    "Borrar",
    "Aceptar",
    "Volver",
    "La cámara no funciona. Escriba su código o vaya a la recepción.",
    "Cifras escritas: {n} de 12.",
    "Para recibir su correo, pulse el botón Quiero mi correo.",
    "Para terminar, pulse Terminar.",
    "Para continuar, pulse Continuar.",
    "Hola. Muestre su tarjeta a la cámara. ¿No tiene tarjeta? Escriba su código.",
    "Su número es el {n}.",
    "La impresora no tiene papel. Su número saldrá en la pantalla.",
    "Su información está en la pantalla.",
};
// Arabic in logical order, Modern Standard Arabic without short vowels or shadda (ImGui cannot
// place combining marks; the sentences read without them). The question mark is U+061F, the
// comma U+060C. To be reviewed by a native speaker of the people the structure receives.
constexpr Table kArabic{
    "لحظة من فضلك.",
    "نقرأ بطاقتك الآن.",
    "توجه إلى الاستقبال.",
    "الجهاز لا يستطيع أن يجيبك.",
    "لديك بريد.",
    "لا يوجد بريد لك اليوم.",
    "مرحبا {name}.",
    "ينتهي عنوانك البريدي هنا يوم {date}.",
    "لتجديده، اذهب إلى الاستقبال.",
    "أريد بريدي",
    "إنهاء",
    "إعادة",
    "رقمك",
    "خذ تذكرتك.",
    "التذكرة لم تطبع. احفظ رقمك.",
    "انتظر. الاستقبال سينادي رقمك.",
    "نحضر تذكرتك الآن.",
    "هل ما زلت هنا؟",
    "بدون جواب، يعود الجهاز إلى البداية.",
    "متابعة",
    "اكتب رمزك",
    "الرمز فيه 12 رقما. هو على بطاقتك.",
    "هذا الرمز غير صحيح. تحقق من الأرقام.",
    "مسح",
    "تأكيد",
    "رجوع",
    "الكاميرا لا تعمل. اكتب رمزك أو اذهب إلى الاستقبال.",
    "الأرقام المكتوبة: {n} من 12.",
    "لتأخذ بريدك، اضغط على زر أريد بريدي.",
    "للإنهاء، اضغط على إنهاء.",
    "للمتابعة، اضغط على متابعة.",
    "مرحبا. أظهر بطاقتك أمام الكاميرا. ليس معك بطاقة؟ اكتب رمزك.",
    "رقمك هو {n}.",
    "لا يوجد ورق في الطابعة. سيظهر رقمك على الشاشة.",
    "معلوماتك على الشاشة.",
};
// Romanian with the comma-below letters (ș U+0219, ț U+021B).
constexpr Table kRomanian{
    "O clipă.",
    "Citim cardul dumneavoastră.",
    "Mergeți la recepție.",
    "Aparatul nu vă poate răspunde.",
    "Aveți poștă.",
    "Azi nu aveți poștă.",
    "Bună ziua, {name}.",
    "Domicilierea dumneavoastră se termină pe {date}.",
    "Ca să o reînnoiți, mergeți la recepție.",
    "Vreau poșta mea",
    "Am terminat",
    "Repetați",
    "Numărul dumneavoastră",
    "Luați bonul.",
    "Bonul nu este tipărit. Țineți minte numărul.",
    "Așteptați. Recepția vă va chema numărul.",
    "Pregătim bonul.",
    "Mai sunteți aici?",
    "Fără răspuns, aparatul revine la început.",
    "Continuați",
    "Introduceți codul",
    "Codul are 12 cifre. Este pe card.",
    "Codul nu este corect. Verificați cifrele.",
    "Ștergeți",
    "Confirmați",
    "Înapoi",
    "Camera nu funcționează. Introduceți codul sau mergeți la recepție.",
    "Cifre introduse: {n} din 12.",
    "Ca să primiți poșta, apăsați pe butonul Vreau poșta mea.",
    "Ca să terminați, apăsați pe Am terminat.",
    "Ca să continuați, apăsați pe Continuați.",
    "Bună ziua. Arătați cardul la cameră. Nu aveți card? Introduceți codul.",
    "Numărul dumneavoastră este {n}.",
    "Imprimanta nu are hârtie. Numărul va apărea pe ecran.",
    "Informațiile dumneavoastră sunt pe ecran.",
};
constexpr Table kUkrainian{
    "Хвилинку.",
    "Ми читаємо вашу картку.",
    "Зверніться на рецепцію.",
    "Автомат не може вам відповісти.",
    "У вас є пошта.",
    "Сьогодні пошти для вас немає.",
    "Добрий день, {name}.",
    "Ваша адреса тут діє до {date} року.",
    "Щоб її продовжити, підійдіть на рецепцію.",
    "Хочу свою пошту",
    "Завершити",
    "Повторити",
    "Ваш номер",
    "Візьміть талон.",
    "Талон не надруковано. Запам’ятайте свій номер.",
    "Зачекайте. Вас покличуть за номером.",
    "Ми готуємо ваш талон.",
    "Ви ще тут?",
    "Без відповіді автомат повернеться на початок.",
    "Продовжити",
    "Введіть код",
    "Код має 12 цифр. Він є на вашій картці.",
    "Цей код неправильний. Перевірте цифри.",
    "Стерти",
    "Підтвердити",
    "Назад",
    "Камера не працює. Введіть код або підійдіть на рецепцію.",
    "Введено цифр: {n} з 12.",
    "Щоб отримати пошту, натисніть кнопку Хочу свою пошту.",
    "Щоб завершити, натисніть Завершити.",
    "Щоб продовжити, натисніть Продовжити.",
    "Добрий день. Покажіть свою картку камері. Немає картки? Введіть код.",
    "Ваш номер {n}.",
    "У принтері немає паперу. Ваш номер буде на екрані.",
    "Ваша інформація на екрані.",
};

const Table& table(ui::Language language) {
    switch (language) {
    case ui::Language::French:
        return kFrench;
    case ui::Language::English:
        return kEnglish;
    case ui::Language::Spanish:
        return kSpanish;
    case ui::Language::Arabic:
        return kArabic;
    case ui::Language::Romanian:
        return kRomanian;
    case ui::Language::Ukrainian:
        return kUkrainian;
    }
    return kFrench;
}

std::string replaceAll(std::string_view pattern, std::string_view value) {
    std::string out(pattern);
    for (std::string_view key : {"{n}", "{date}", "{name}"})
        for (std::size_t at = out.find(key); at != std::string::npos; at = out.find(key, at + value.size()))
            out.replace(at, key.size(), value);
    return out;
}

// Plural forms: one, two (Arabic's dual), few, many. Each pattern has {n} where the count goes,
// except the forms that spell the number in words (Arabic's one and two).
enum Form { One, Two, Few, Many };

Form formOf(int n, ui::Language language) {
    switch (language) {
    case ui::Language::Arabic:
        if (n == 1) return One;
        if (n == 2) return Two;
        if (n % 100 >= 3 && n % 100 <= 10) return Few;
        return Many;
    case ui::Language::Ukrainian:
        if (n % 10 == 1 && n % 100 != 11) return One;
        if (n % 10 >= 2 && n % 10 <= 4 && (n % 100 < 12 || n % 100 > 14)) return Few;
        return Many;
    case ui::Language::Romanian:
        if (n == 1) return One;
        if (n == 0 || (n % 100 >= 1 && n % 100 <= 19)) return Few;
        return Many;
    case ui::Language::French:
    case ui::Language::English:
    case ui::Language::Spanish:
        return n == 1 ? One : Many;
    }
    return Many;
}

using Forms = std::array<std::string_view, 4>; // one, two, few, many
using KindForms = std::array<Forms, 3>;        // letter, registered, parcel

const KindForms& kindForms(ui::Language language) {
    static const KindForms french{{{"1 lettre", "{n} lettres", "{n} lettres", "{n} lettres"},
                                   {"1 avis de recommandé", "{n} avis de recommandé",
                                    "{n} avis de recommandé", "{n} avis de recommandé"},
                                   {"1 colis", "{n} colis", "{n} colis", "{n} colis"}}};
    static const KindForms english{{{"1 letter", "{n} letters", "{n} letters", "{n} letters"},
                                    {"1 registered-mail notice", "{n} registered-mail notices",
                                     "{n} registered-mail notices", "{n} registered-mail notices"},
                                    {"1 parcel", "{n} parcels", "{n} parcels", "{n} parcels"}}};
    static const KindForms spanish{{{"1 carta", "{n} cartas", "{n} cartas", "{n} cartas"},
                                    {"1 aviso de certificado", "{n} avisos de certificado",
                                     "{n} avisos de certificado", "{n} avisos de certificado"},
                                    {"1 paquete", "{n} paquetes", "{n} paquetes", "{n} paquetes"}}};
    static const KindForms arabic{
        {{"رسالة واحدة", "رسالتان", "{n} رسائل", "{n} رسالة"},
         {"إشعار بريد مسجل واحد", "إشعارا بريد مسجل", "{n} إشعارات بريد مسجل", "{n} إشعار بريد مسجل"},
         {"طرد واحد", "طردان", "{n} طرود", "{n} طردا"}}};
    static const KindForms romanian{
        {{"1 scrisoare", "{n} scrisori", "{n} scrisori", "{n} de scrisori"},
         {"1 aviz de scrisoare recomandată", "{n} avize de scrisori recomandate",
          "{n} avize de scrisori recomandate", "{n} de avize de scrisori recomandate"},
         {"1 colet", "{n} colete", "{n} colete", "{n} de colete"}}};
    static const KindForms ukrainian{
        {{"{n} лист", "{n} листи", "{n} листи", "{n} листів"},
         {"{n} повідомлення про рекомендований лист", "{n} повідомлення про рекомендовані листи",
          "{n} повідомлення про рекомендовані листи", "{n} повідомлень про рекомендовані листи"},
         {"{n} посилка", "{n} посилки", "{n} посилки", "{n} посилок"}}};
    switch (language) {
    case ui::Language::French:
        return french;
    case ui::Language::English:
        return english;
    case ui::Language::Spanish:
        return spanish;
    case ui::Language::Arabic:
        return arabic;
    case ui::Language::Romanian:
        return romanian;
    case ui::Language::Ukrainian:
        return ukrainian;
    }
    return french;
}

using Months = std::array<std::string_view, 12>;

const Months& months(ui::Language language) {
    static const Months french{"janvier", "février", "mars",      "avril",   "mai",      "juin",
                               "juillet", "août",    "septembre", "octobre", "novembre", "décembre"};
    static const Months english{"January", "February", "March",     "April",   "May",      "June",
                                "July",    "August",   "September", "October", "November", "December"};
    static const Months spanish{"enero", "febrero", "marzo",      "abril",   "mayo",      "junio",
                                "julio", "agosto",  "septiembre", "octubre", "noviembre", "diciembre"};
    static const Months arabic{"يناير", "فبراير", "مارس",   "أبريل",  "مايو",   "يونيو",
                               "يوليو", "أغسطس",  "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"};
    static const Months romanian{"ianuarie",   "februarie", "martie",    "aprilie",
                                 "mai",        "iunie",     "iulie",     "august",
                                 "septembrie", "octombrie", "noiembrie", "decembrie"};
    // Genitive, as a date says it: "3 березня".
    static const Months ukrainian{"січня", "лютого", "березня", "квітня", "травня",    "червня",
                                  "липня", "серпня", "вересня", "жовтня", "листопада", "грудня"};
    switch (language) {
    case ui::Language::French:
        return french;
    case ui::Language::English:
        return english;
    case ui::Language::Spanish:
        return spanish;
    case ui::Language::Arabic:
        return arabic;
    case ui::Language::Romanian:
        return romanian;
    case ui::Language::Ukrainian:
        return ukrainian;
    }
    return french;
}

} // namespace

std::string_view kioskText(KioskText key, ui::Language language) {
    const auto index = static_cast<std::size_t>(key);
    if (index >= kKioskTextCount) return {};
    return table(language)[index];
}

std::string fill(KioskText key, ui::Language language, std::string_view value) {
    return replaceAll(kioskText(key, language), value);
}

std::string countOf(Kind kind, int n, ui::Language language) {
    const Forms& forms = kindForms(language)[static_cast<std::size_t>(kind)];
    return replaceAll(forms[formOf(n, language)], std::to_string(n));
}

std::string dateInWords(const Date& date, ui::Language language) {
    const int day = static_cast<int>(static_cast<unsigned>(date.day()));
    const auto month = static_cast<std::size_t>(static_cast<unsigned>(date.month()) - 1);
    const std::string year = std::to_string(static_cast<int>(date.year()));
    const std::string_view name = months(language)[month % 12];
    switch (language) {
    case ui::Language::English:
        return std::string(name) + " " + std::to_string(day) + ", " + year;
    case ui::Language::Spanish:
        return std::to_string(day) + " de " + std::string(name) + " de " + year;
    case ui::Language::French:
        return (day == 1 ? std::string("1er") : std::to_string(day)) + " " + std::string(name) + " " + year;
    case ui::Language::Arabic:
    case ui::Language::Romanian:
    case ui::Language::Ukrainian:
        return std::to_string(day) + " " + std::string(name) + " " + year;
    }
    return std::to_string(day) + " " + std::string(name) + " " + year;
}

} // namespace guichet::kiosk
