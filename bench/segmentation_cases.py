"""Sentence boundary cases for bench/segmentation_accuracy.py.

Each case is (category, lang, text, expected units in order). Lines in `text` are
paragraphs; a line without terminal punctuation is a headline and stays whole.
"""

from __future__ import annotations

CASES: list[tuple[str, str, str, list[str]]] = [
    # --- abbreviations ---
    (
        "abbreviation",
        "en",
        "Mr. Baker met Mrs. Lowe at noon. They talked about the budget.",
        ["Mr. Baker met Mrs. Lowe at noon.", "They talked about the budget."],
    ),
    (
        "abbreviation",
        "en",
        "Dr. Amira Haddad runs the clinic. She joined it in 2015.",
        ["Dr. Amira Haddad runs the clinic.", "She joined it in 2015."],
    ),
    (
        "abbreviation",
        "en",
        "Prof. Lind and Gen. Ortiz spoke first. Sen. Moore replied later.",
        ["Prof. Lind and Gen. Ortiz spoke first.", "Sen. Moore replied later."],
    ),
    (
        "abbreviation",
        "en",
        "Gov. Ellis signed the bill on Jan. 14 after a long debate. Critics were unmoved.",
        ["Gov. Ellis signed the bill on Jan. 14 after a long debate.", "Critics were unmoved."],
    ),
    (
        "abbreviation",
        "en",
        "The shop sells tents, stoves, lamps, etc. Its profits rose last year.",
        ["The shop sells tents, stoves, lamps, etc.", "Its profits rose last year."],
    ),
    (
        "abbreviation",
        "en",
        "Some fruits, e.g. apples and pears, keep well. Others, i.e. berries, do not.",
        ["Some fruits, e.g. apples and pears, keep well.", "Others, i.e. berries, do not."],
    ),
    (
        "abbreviation",
        "en",
        "The final was Spain vs. Italy in Berlin. Spain won on penalties.",
        ["The final was Spain vs. Italy in Berlin.", "Spain won on penalties."],
    ),
    (
        "abbreviation",
        "en",
        "The rule is set out in Art. 7 of the treaty. It was added in 1998.",
        ["The rule is set out in Art. 7 of the treaty.", "It was added in 1998."],
    ),
    (
        "abbreviation",
        "en",
        "Shares of Harbor Tools Inc. rose on Tuesday. The firm had beaten forecasts.",
        ["Shares of Harbor Tools Inc. rose on Tuesday.", "The firm had beaten forecasts."],
    ),
    (
        "abbreviation",
        "en",
        "The deal was signed by Northwind Ltd. and Acme Corp. last month. Both declined "
        "to comment.",
        [
            "The deal was signed by Northwind Ltd. and Acme Corp. last month.",
            "Both declined to comment.",
        ],
    ),
    (
        "abbreviation",
        "en",
        "She lives near St. Mark's church. Her office is on Elm St. The rent is high.",
        ["She lives near St. Mark's church.", "Her office is on Elm St.", "The rent is high."],
    ),
    (
        "abbreviation",
        "en",
        "The meeting ended at 6 p.m. Then the ministers left.",
        ["The meeting ended at 6 p.m.", "Then the ministers left."],
    ),
    (
        "abbreviation",
        "en",
        "The vote is set for Feb. 3 in the capital. Turnout is expected to be low.",
        ["The vote is set for Feb. 3 in the capital.", "Turnout is expected to be low."],
    ),
    (
        "abbreviation",
        "en",
        "Track No. 4 was the hit. No. It was track five.",
        ["Track No. 4 was the hit.", "No.", "It was track five."],
    ),
    # --- initials ---
    (
        "initials",
        "en",
        "J. R. R. Tolkien taught at Oxford for decades. His books still sell.",
        ["J. R. R. Tolkien taught at Oxford for decades.", "His books still sell."],
    ),
    (
        "initials",
        "en",
        "A speech by John F. Kennedy was broadcast live. Millions listened.",
        ["A speech by John F. Kennedy was broadcast live.", "Millions listened."],
    ),
    (
        "initials",
        "en",
        "The essay cites W. E. B. Du Bois twice. It also quotes other scholars.",
        ["The essay cites W. E. B. Du Bois twice.", "It also quotes other scholars."],
    ),
    (
        "initials",
        "en",
        "Her adviser, Mary K. Lee, disagreed. The board sided with her anyway.",
        ["Her adviser, Mary K. Lee, disagreed.", "The board sided with her anyway."],
    ),
    # --- U.S., E.U. and other dotted acronyms ---
    (
        "acronym",
        "en",
        "The U.S. economy grew by 2% last quarter. Inflation slowed.",
        ["The U.S. economy grew by 2% last quarter.", "Inflation slowed."],
    ),
    (
        "acronym",
        "en",
        "The talks took place in the U.S. He flew home the next day.",
        ["The talks took place in the U.S.", "He flew home the next day."],
    ),
    (
        "acronym",
        "en",
        "E.U. ministers met in Brussels on Friday. They agreed on new sanctions.",
        ["E.U. ministers met in Brussels on Friday.", "They agreed on new sanctions."],
    ),
    (
        "acronym",
        "en",
        "The U.K. and the U.N. issued a joint statement. It called for a ceasefire.",
        ["The U.K. and the U.N. issued a joint statement.", "It called for a ceasefire."],
    ),
    (
        "acronym",
        "en",
        "She moved to the U.S. in 2010 and never returned. Her brother stayed in Lagos.",
        ["She moved to the U.S. in 2010 and never returned.", "Her brother stayed in Lagos."],
    ),
    (
        "acronym",
        "en",
        "He earned a Ph.D. in chemistry at Leeds. Later he taught in Madrid.",
        ["He earned a Ph.D. in chemistry at Leeds.", "Later he taught in Madrid."],
    ),
    (
        "acronym",
        "en",
        "The ban applies across the E.U. It takes effect in June.",
        ["The ban applies across the E.U.", "It takes effect in June."],
    ),
    (
        "acronym",
        "en",
        "He was born in Washington, D.C. In 1990 he moved to Ohio.",
        ["He was born in Washington, D.C.", "In 1990 he moved to Ohio."],
    ),
    # --- decimals and thousands ---
    (
        "numbers",
        "en",
        "Pi is roughly 3.14 and e is about 2.72. Both are irrational.",
        ["Pi is roughly 3.14 and e is about 2.72.", "Both are irrational."],
    ),
    (
        "numbers",
        "en",
        "The ministry sent 2,030 troops and 1.5bn dollars in aid. More may follow.",
        ["The ministry sent 2,030 troops and 1.5bn dollars in aid.", "More may follow."],
    ),
    (
        "numbers",
        "en",
        "Output rose 4.5% to 12,345.67 tonnes in March. Exports rose 0.8%.",
        ["Output rose 4.5% to 12,345.67 tonnes in March.", "Exports rose 0.8%."],
    ),
    (
        "numbers",
        "en",
        "The population was 1,204,300 in 2020. It has since fallen.",
        ["The population was 1,204,300 in 2020.", "It has since fallen."],
    ),
    (
        "numbers",
        "en",
        "The price rose to $3.99 per litre. Drivers protested.",
        ["The price rose to $3.99 per litre.", "Drivers protested."],
    ),
    # --- e-mail addresses and URLs ---
    (
        "email_url",
        "en",
        "Write to press.office@example.org for details. Replies take a day.",
        ["Write to press.office@example.org for details.", "Replies take a day."],
    ),
    (
        "email_url",
        "en",
        "The text is at www.example.com/reports/2021.html today. It runs to 80 pages.",
        ["The text is at www.example.com/reports/2021.html today.", "It runs to 80 pages."],
    ),
    (
        "email_url",
        "en",
        "See https://news.example.net/a/b.c?id=4 for the list. It is updated daily.",
        ["See https://news.example.net/a/b.c?id=4 for the list.", "It is updated daily."],
    ),
    (
        "email_url",
        "en",
        "Contact john.doe@example.org. He handles media requests.",
        ["Contact john.doe@example.org.", "He handles media requests."],
    ),
    # --- ellipses ---
    (
        "ellipsis",
        "en",
        "He paused... and then he walked out. Nobody followed him.",
        ["He paused... and then he walked out.", "Nobody followed him."],
    ),
    (
        "ellipsis",
        "en",
        "She kept waiting for an answer… None came.",
        ["She kept waiting for an answer…", "None came."],
    ),
    (
        "ellipsis",
        "en",
        "The plan was simple… at least on paper. It failed within a week.",
        ["The plan was simple… at least on paper.", "It failed within a week."],
    ),
    (
        "ellipsis",
        "en",
        "I thought about it... Then I said yes.",
        ["I thought about it...", "Then I said yes."],
    ),
    # --- quotations ---
    (
        "quotes",
        "en",
        "“The bridge is safe,” said the mayor on Sunday. Engineers disagreed.",
        ["“The bridge is safe,” said the mayor on Sunday.", "Engineers disagreed."],
    ),
    (
        "quotes",
        "en",
        '"He left." She stayed behind.',
        ['"He left."', "She stayed behind."],
    ),
    (
        "quotes",
        "en",
        "“Where is the money?” asked the auditor. Nobody answered.",
        ["“Where is the money?” asked the auditor.", "Nobody answered."],
    ),
    (
        "quotes",
        "en",
        "“We will rebuild. The work starts tomorrow,” the governor said.",
        ["“We will rebuild.", "The work starts tomorrow,” the governor said."],
    ),
    (
        "quotes",
        "en",
        "She called the decision “a disgrace.” The minister resigned the next day.",
        ["She called the decision “a disgrace.”", "The minister resigned the next day."],
    ),
    (
        "quotes",
        "en",
        "‘It is over,’ he wrote. Then he deleted the post.",
        ["‘It is over,’ he wrote.", "Then he deleted the post."],
    ),
    (
        "quotes",
        "en",
        "The slogan “Stop!” appeared on every wall. Police removed it overnight.",
        ["The slogan “Stop!” appeared on every wall.", "Police removed it overnight."],
    ),
    # --- parentheses ---
    (
        "parentheses",
        "en",
        "The agency (founded in 1947) employs 300 people. Its budget is secret.",
        ["The agency (founded in 1947) employs 300 people.", "Its budget is secret."],
    ),
    (
        "parentheses",
        "en",
        "The figures were revised. (The first estimate was too high.) Analysts were surprised.",
        [
            "The figures were revised.",
            "(The first estimate was too high.)",
            "Analysts were surprised.",
        ],
    ),
    (
        "parentheses",
        "en",
        "The ruling party (the NDP) won 52 seats. The opposition won 40.",
        ["The ruling party (the NDP) won 52 seats.", "The opposition won 40."],
    ),
    # --- questions and exclamations ---
    (
        "question_exclamation",
        "en",
        "Is the tax fair? Most voters think not.",
        ["Is the tax fair?", "Most voters think not."],
    ),
    (
        "question_exclamation",
        "en",
        "What a result! The team had never won abroad.",
        ["What a result!", "The team had never won abroad."],
    ),
    (
        "question_exclamation",
        "en",
        "Did he know?! Nobody could say.",
        ["Did he know?!", "Nobody could say."],
    ),
    # --- lists ---
    (
        "lists",
        "en",
        "The plan has three steps: 1. Mix the flour. 2. Add the water. 3. Bake it.",
        ["The plan has three steps:", "1. Mix the flour.", "2. Add the water.", "3. Bake it."],
    ),
    (
        "lists",
        "en",
        "1. The first item 2. The second item 3. The third item.",
        ["1. The first item", "2. The second item", "3. The third item."],
    ),
    (
        "lists",
        "en",
        "Key points:\n1. Prices rose.\n2. Wages fell.",
        ["Key points:", "1. Prices rose.", "2. Wages fell."],
    ),
    (
        "lists",
        "en",
        "- Fuel prices doubled\n- Protests spread to Almaty",
        ["- Fuel prices doubled", "- Protests spread to Almaty"],
    ),
    (
        "lists",
        "en",
        "• First point. It matters.\n• Second point.",
        ["• First point.", "It matters.", "• Second point."],
    ),
    # --- headlines ---
    (
        "headlines",
        "en",
        "Floods hit northern Italy\nHeavy rain burst river banks on Monday. Thousands left.",
        ["Floods hit northern Italy", "Heavy rain burst river banks on Monday.", "Thousands left."],
    ),
    (
        "headlines",
        "en",
        "Prices soar: what it means for you\nThe cost of bread has doubled.",
        ["Prices soar: what it means for you", "The cost of bread has doubled."],
    ),
    (
        "headlines",
        "en",
        "Minister resigns\n\nThe minister stepped down on Friday.\n\nReactions\n\nMost were calm.",
        [
            "Minister resigns",
            "The minister stepped down on Friday.",
            "Reactions",
            "Most were calm.",
        ],
    ),
    (
        "headlines",
        "en",
        "U.S. Sen. Warren visits Kyiv\nShe met officials.",
        ["U.S. Sen. Warren visits Kyiv", "She met officials."],
    ),
    # --- Russian ---
    (
        "ru_basic",
        "ru",
        "Встреча прошла в Москве. Стороны обсудили торговлю.",
        ["Встреча прошла в Москве.", "Стороны обсудили торговлю."],
    ),
    (
        "ru_abbreviation",
        "ru",
        "Он купил хлеб, молоко, сыр и т.д. Потом он пошёл домой.",
        ["Он купил хлеб, молоко, сыр и т.д.", "Потом он пошёл домой."],
    ),
    (
        "ru_abbreviation",
        "ru",
        "Это важно, т. е. срочно. Решение примут завтра.",
        ["Это важно, т. е. срочно.", "Решение примут завтра."],
    ),
    (
        "ru_abbreviation",
        "ru",
        "Ущерб оценили в 3 млн. рублей. Страховщики спорят.",
        ["Ущерб оценили в 3 млн. рублей.", "Страховщики спорят."],
    ),
    (
        "ru_abbreviation",
        "ru",
        "Объём сделки составил 2 млрд. Это рекорд для рынка.",
        ["Объём сделки составил 2 млрд.", "Это рекорд для рынка."],
    ),
    (
        "ru_abbreviation",
        "ru",
        "Он родился в 1950 г. Всю жизнь он прожил в Казани.",
        ["Он родился в 1950 г.", "Всю жизнь он прожил в Казани."],
    ),
    (
        "ru_abbreviation",
        "ru",
        "Офис находится в г. Казань, ул. Баумана. Туда можно дойти пешком.",
        ["Офис находится в г. Казань, ул. Баумана.", "Туда можно дойти пешком."],
    ),
    (
        "ru_abbreviation",
        "ru",
        "Компания выпускает станки, насосы и др. Её выручка растёт.",
        ["Компания выпускает станки, насосы и др.", "Её выручка растёт."],
    ),
    (
        "ru_abbreviation",
        "ru",
        "Его пригласил проф. Иванов. Встреча прошла в МГУ.",
        ["Его пригласил проф. Иванов.", "Встреча прошла в МГУ."],
    ),
    (
        "ru_abbreviation",
        "ru",
        "Это случилось в XX в. Тогда страна была другой.",
        ["Это случилось в XX в.", "Тогда страна была другой."],
    ),
    (
        "ru_abbreviation",
        "ru",
        "См. рис. 3 в приложении. Там всё показано.",
        ["См. рис. 3 в приложении.", "Там всё показано."],
    ),
    (
        "ru_initials",
        "ru",
        "Роман написал А. С. Пушкин. Он закончил его осенью.",
        ["Роман написал А. С. Пушкин.", "Он закончил его осенью."],
    ),
    (
        "ru_quotes",
        "ru",
        "«Мы победили», — сказал тренер. Команда вернулась домой.",
        ["«Мы победили», — сказал тренер.", "Команда вернулась домой."],
    ),
    (
        "ru_quotes",
        "ru",
        "«Всё кончено. Мы уходим», — заявил он.",
        ["«Всё кончено.", "Мы уходим», — заявил он."],
    ),
    (
        "ru_quotes",
        "ru",
        "Он ответил: «Нет». Разговор закончился.",
        ["Он ответил: «Нет».", "Разговор закончился."],
    ),
    (
        "ru_numbers",
        "ru",
        "Инфляция составила 7,5% за год. Это больше прогноза.",
        ["Инфляция составила 7,5% за год.", "Это больше прогноза."],
    ),
    (
        "ru_email_url",
        "ru",
        "Сайт www.example.ru/news.html обновляется ежедневно. Пишите на info@example.ru.",
        ["Сайт www.example.ru/news.html обновляется ежедневно.", "Пишите на info@example.ru."],
    ),
    (
        "ru_ellipsis",
        "ru",
        "Он ждал... Потом ушёл.",
        ["Он ждал...", "Потом ушёл."],
    ),
    (
        "ru_question",
        "ru",
        "Почему? Никто не знает!",
        ["Почему?", "Никто не знает!"],
    ),
    (
        "ru_headlines",
        "ru",
        "Цены на бензин снова выросли\nТопливо подорожало на 5%. Водители недовольны.",
        ["Цены на бензин снова выросли", "Топливо подорожало на 5%.", "Водители недовольны."],
    ),
    # --- harder cases, some of them ambiguous for any rule-based segmenter ---
    (
        "abbreviation",
        "en",
        "The firm was bought by Apple Inc. Analysts expect more deals.",
        ["The firm was bought by Apple Inc.", "Analysts expect more deals."],
    ),
    (
        "acronym",
        "en",
        "The summit was held in the U.S. Biden hosted it.",
        ["The summit was held in the U.S.", "Biden hosted it."],
    ),
    (
        "acronym",
        "en",
        "Mr. Obi arrived at 10 a.m. Mrs. Obi came later.",
        ["Mr. Obi arrived at 10 a.m.", "Mrs. Obi came later."],
    ),
    (
        "quotes",
        "en",
        "“Is the bridge safe?” Mayor Ruiz asked reporters.",
        ["“Is the bridge safe?” Mayor Ruiz asked reporters."],
    ),
    (
        "quotes",
        "en",
        "“Enough!” she shouted. The room fell silent.",
        ["“Enough!” she shouted.", "The room fell silent."],
    ),
    (
        "numbers",
        "en",
        "Version 2.0 fixed 1,000 bugs. He scored 3. The crowd cheered.",
        ["Version 2.0 fixed 1,000 bugs.", "He scored 3.", "The crowd cheered."],
    ),
    (
        "initials",
        "en",
        "He got a grade of B. His parents were pleased.",
        ["He got a grade of B.", "His parents were pleased."],
    ),
    (
        "ru_abbreviation",
        "ru",
        "Он перевёл 500 тыс. руб. на счёт фонда. Деньги дошли.",
        ["Он перевёл 500 тыс. руб. на счёт фонда.", "Деньги дошли."],
    ),
    (
        "ru_abbreviation",
        "ru",
        "Мост открыли в 2021 г. Москва выделила средства.",
        ["Мост открыли в 2021 г.", "Москва выделила средства."],
    ),
    (
        "ru_initials",
        "ru",
        "Автор романа — Толстой Л. Н. Книга вышла в 1869 году.",
        ["Автор романа — Толстой Л. Н.", "Книга вышла в 1869 году."],
    ),
    # --- inline lists, spaced ellipses, dialogue dashes (the phenomena of the golden rules) ---
    (
        "lists",
        "en",
        "1) Unplug the router 2) Wait a minute 3) Plug it back in",
        ["1) Unplug the router", "2) Wait a minute", "3) Plug it back in"],
    ),
    (
        "lists",
        "en",
        "1.) Read the form. 2.) Sign it on page two.",
        ["1.) Read the form.", "2.) Sign it on page two."],
    ),
    (
        "lists",
        "en",
        "• 3. Rinse the brushes • 4. Cover the paint",
        ["• 3. Rinse the brushes", "• 4. Cover the paint"],
    ),
    (
        "lists",
        "en",
        "The survey asked: a. How old are you? b. Where do you live?",
        ["The survey asked:", "a. How old are you?", "b. Where do you live?"],
    ),
    (
        "ellipsis",
        "en",
        "The clerk read out the charge . . . Nobody in the room moved . . . until noon.",
        ["The clerk read out the charge . . . Nobody in the room moved . . . until noon."],
    ),
    (
        "ellipsis",
        "en",
        "Her diary stops in May. . . . Its last page is torn.",
        ["Her diary stops in May.", ". . . Its last page is torn."],
    ),
    (
        "ellipsis",
        "en",
        "The quote reads: “We will never [...] give up the valley” (Marsh 41).",
        ["The quote reads: “We will never [...] give up the valley” (Marsh 41)."],
    ),
    (
        "abbreviation",
        "en",
        "The deed lists it as No. 3318.40.2. The council owns the rest.",
        ["The deed lists it as No. 3318.40.2.", "The council owns the rest."],
    ),
    (
        "initials",
        "en",
        "The cake was baked by Grandma and I. Did Peter T. Ward like it?",
        ["The cake was baked by Grandma and I.", "Did Peter T. Ward like it?"],
    ),
    (
        "ru_abbreviation",
        "ru",
        "В 1998–2001 гг. Олег руководил школой. Потом ушёл на пенсию.",
        ["В 1998–2001 гг. Олег руководил школой.", "Потом ушёл на пенсию."],
    ),
    (
        "ru_abbreviation",
        "ru",
        "Рейс летит в пгт. Тикси раз в неделю. Билеты дорогие.",
        ["Рейс летит в пгт. Тикси раз в неделю.", "Билеты дорогие."],
    ),
    (
        "ru_abbreviation",
        "ru",
        "Цены выросли на хлеб, сахар и т.д. Магазины пустеют.",
        ["Цены выросли на хлеб, сахар и т.д.", "Магазины пустеют."],
    ),
    (
        "ru_quotes",
        "ru",
        "«Где ключи? – спросила бабушка. – Я их не вижу». Внук пожал плечами.",
        ["«Где ключи? – спросила бабушка. – Я их не вижу».", "Внук пожал плечами."],
    ),
    (
        "ru_ellipsis",
        "ru",
        "Поезд опаздывал… и опаздывал. Пассажиры ждали на перроне…",
        ["Поезд опаздывал… и опаздывал.", "Пассажиры ждали на перроне…"],
    ),
]
