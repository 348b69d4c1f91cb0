from claimextract import extract_claims, find_furniture

ARTICLE = (
    "Troops arrive in Almaty\n"
    "By Jane Reporter\n"
    "January 11, 2022 10:42 GMT\n"
    "Officials said 2,030 troops arrived on Monday, the ministry confirmed in a statement.\n"
    "Read more: Protests spread to the capital\n"
    "The ministry reported that 7,939 people were detained during the unrest last week.\n"
    "Advertisement\n"
    "02:15\n"
    "Sign up for our newsletter and get the top stories in your inbox\n"
    "Officials said 2,030 troops arrived on Monday, the ministry confirmed in a statement.\n"
    "Date\n"
    "11.01.2022\n"
    "Author\n"
    "Jane Reporter\n"
    "Related Subjects\n"
    "Kazakhstan\n"
    "Keywords\n"
    "Almaty, troops\n"
    "Feedback\n"
    "Print\n"
    "Permalink https://example.org/p/3WUHI\n"
)


def left_out_lines(text):
    return {f.text: f.reason for f in find_furniture(text)}


def test_bylines_datelines_prompts_and_durations_are_furniture():
    left_out = left_out_lines(ARTICLE)
    assert left_out["By Jane Reporter"] == "byline"
    assert left_out["January 11, 2022 10:42 GMT"] == "dateline"
    assert left_out["Read more: Protests spread to the capital"] == "prompt"
    assert left_out["Advertisement"] == "prompt"
    assert left_out["02:15"] == "duration"
    assert left_out["Sign up for our newsletter and get the top stories in your inbox"] == "prompt"


def test_a_run_of_short_label_lines_is_a_metadata_list():
    left_out = left_out_lines(ARTICLE)
    for line in ("Date", "11.01.2022", "Author", "Related Subjects", "Kazakhstan", "Feedback"):
        assert line in left_out
    assert "Permalink https://example.org/p/3WUHI" in left_out


def test_a_line_repeated_from_earlier_is_left_out_but_its_first_copy_stays():
    sentence = (
        "Officials said 2,030 troops arrived on Monday, the ministry confirmed in a statement."
    )
    copies = [f for f in find_furniture(ARTICLE) if f.text == sentence]
    assert len(copies) == 1
    assert copies[0].reason == "repeated"
    assert copies[0].start > ARTICLE.index(sentence)


def test_left_out_lines_carry_offsets_into_the_text():
    for line in find_furniture(ARTICLE):
        assert ARTICLE[line.start : line.end] == line.text
        assert line.as_json()["reason"] == line.reason


def test_article_prose_headlines_and_lists_are_kept():
    text = (
        "Brexit: what happens next\n"
        "The government said it would publish the figures by March, a spokesman told reporters.\n"
        "Watch out for rising prices, economists warned on Tuesday after the central bank met.\n"
        "The plan has three parts:\n"
        "- Eggs\n"
        "- Flour\n"
        "- Sugar\n"
        "- Butter\n"
        "Inflation rose by 2.1% in 2021, the statistics office said, the highest in a decade.\n"
    )
    assert find_furniture(text) == []


def test_related_story_links_after_a_heading_are_left_out():
    text = (
        "The council approved the budget of 4.2 million euros after a long debate on Monday.\n"
        "Related\n"
        "Mayor announces new tram line for the northern districts\n"
        "Council delays vote on housing plan again\n"
        "The budget takes effect in January, a spokeswoman for the council said.\n"
    )
    left_out = left_out_lines(text)
    assert left_out["Mayor announces new tram line for the northern districts"] == "related link"
    assert left_out["Council delays vote on housing plan again"] == "related link"
    assert "The budget takes effect in January, a spokeswoman for the council said." not in left_out


def test_extract_claims_can_skip_furniture_and_keeps_offsets():
    claims = extract_claims(ARTICLE, skip_furniture=True)
    texts = [c.text for c in claims]
    assert "By Jane Reporter" not in texts
    assert "Permalink https://example.org/p/3WUHI" not in texts
    assert any("7,939 people" in t for t in texts)
    assert [c.index for c in claims] == list(range(len(claims)))
    assert all(ARTICLE[c.start : c.end] == c.text for c in claims)
    # Without the option every line still makes a claim, as before.
    assert "By Jane Reporter" in [c.text for c in extract_claims(ARTICLE)]


def test_media_player_labels_and_caption_toggles_are_furniture():
    text = (
        "The river rose by 3 metres overnight, the regional authority said on Sunday morning.\n"
        "Play Video\n"
        "Current Time 0:00\n"
        "Duration 2:31\n"
        "Loaded: 0%\n"
        "toggle caption\n"
        "Image caption Residents were moved to a school, officials said\n"
    )
    left_out = left_out_lines(text)
    assert "The river rose by 3 metres overnight" not in " ".join(left_out)
    for line in (
        "Play Video",
        "Current Time 0:00",
        "Duration 2:31",
        "Loaded: 0%",
        "toggle caption",
    ):
        assert line in left_out
    assert left_out["Image caption Residents were moved to a school, officials said"] == "caption"


def test_a_wire_dateline_stays_with_the_lede_it_opens():
    text = (
        "Senate passes the budget\n"
        "WASHINGTON (Reuters) - The Senate passed a $1.2 trillion budget on Friday, "
        "averting a government shutdown.\n"
    )
    assert find_furniture(text) == []
