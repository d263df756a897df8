"""Issue 16: a third language end to end, on a copy of this repository's own site: English
beside German (``target-languages = ["de", "en"]``, ``[languages.en]`` in hugo.toml),
extracted, translated, merged and checked, and the three languages built by Hugo 0.111:
the pages paired by ``translationKey``, every link of the English page alive (or as dead as
the Dutch page's own), the German output byte for byte what the repository has."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from merge_support import fill_catalog
from site_crawl import Crawl
from support import needs_gettext

from pipeline.cli import main

REPO = Path(__file__).resolve().parent.parent
POST_ID = "2017-02-22-workshop-e-learning-toekomst"

pytestmark = [
    pytest.mark.skipif(shutil.which("hugo") is None, reason="hugo is not installed (Debian package 'hugo')"),
    needs_gettext,
]

ENGLISH = {
    "workshop-e-learning-toekomst": "workshop-e-learning-future",
    "Workshop: Hoe je met e-learning je toekomst vorm kunt geven": "Workshop: how to shape your future with e-learning",
    "workshop": "workshop",
    "e-learning": "e-learning",
    "__Op vrijdag 9 februari hebben we een workshop gehouden over de aantrekkelijkheid als werkgever en "
    "kennismanagement. Defacto was uitgenodigd door ZeQ (een Duits adviesbureau voor verhoging van de kwaliteit "
    "binnen de gezondheidszorg) om samen deze workshop te verzorgen. Het werd een leuke middag, waar in een "
    "ontspannen sfeer veel kennis werd gedeeld.__":
    "__On Friday 9 February we held a workshop on employer attractiveness and knowledge management. ZeQ (a "
    "German consultancy for quality improvement in health care) had invited Defacto to run this workshop "
    "together. It was a pleasant afternoon, with a lot of knowledge shared in a relaxed atmosphere.__",
    "De ondertitel voor de bijeenkomst was _“Hoe je met e-learning je toekomst vorm kunt geven\"_. Een thema dat "
    "in Duitsland op dit moment haar opwachting maakt, maar ook in Nederland actueel blijft. En ondanks dat we al "
    "jaren bekend zijn met het e-learning thema merken we dat we nooit zijn uitgeleerd.":
    "The subtitle of the event was _“How to shape your future with e-learning”_. A theme that is just arriving "
    "in Germany, and still topical in the Netherlands. And although we have known e-learning for years, we "
    "find that we never stop learning.",
    "Wat vonden de workshopdeelnemers de belangrijkste conclusies?":
    "What did the participants find the most important conclusions?",
    "E-Learning zorgt niet automatisch voor een verbetering van de leercultuur binnen een organisatie":
    "E-learning does not by itself improve the learning culture of an organisation",
    "Bovenstaande klinkt als een open deur en toch valt er nog veel over te zeggen. Leren binnen een organisatie "
    "gebeurd op vele niveaus, formeel en informeel. Leren behoort plaats te vinden binnen een veilige context, "
    "waarin men fouten mag maken.":
    "That sounds obvious, and yet there is much to say about it. Learning in an organisation happens at many "
    "levels, formal and informal. It should take place in a safe context, where people may make mistakes.",
    "De manier waarop er binnen een organisatie wordt geleerd en welke afspraken worden gemaakt om leren zo leuk "
    "en zo veilig mogelijk te maken bepalen het leerklimaat. De methodes die gebruikt worden om te leren, "
    "bijvoorbeeld e-learning of blended learning, bepalen niet het enthousiasme over of de frequentie van het "
    "leren.":
    "How an organisation learns, and what it agrees on to make learning as enjoyable and as safe as possible, "
    "make its learning climate. The methods used to learn, such as e-learning or blended learning, decide "
    "neither the enthusiasm for learning nor how often it happens.",
    "Mocht er binnen een organisatie weinig animo zijn om gebruik te maken van de aangeboden methodes zal er "
    "eerst moeten worden onderzocht of e-learning dé oplossing voor het probleem is. De kans bestaat anders dat "
    "de duur gekochte of ontwikkelde e-learning modules (ook) niet gebruikt gaan worden. Zonde van de investering "
    "en het zou jammer zijn als een organisatie gedemotiveerd raakt om de ontwikkeling van medewerkers te blijven "
    "stimuleren.":
    "Where an organisation shows little interest in the methods offered, it should first find out whether "
    "e-learning is the answer to the problem. Otherwise the expensive e-learning modules it bought or built "
    "may go unused (as well). A waste of the investment, and a pity if the organisation lost the will to keep "
    "encouraging the development of its staff.",
    "Wat is e-learning nu eigenlijk precies?": "What exactly is e-learning?",
    "E-Learning is alles wat digitaal wordt bekeken of afgespeeld met als doel kennis over te dragen, medewerkers "
    "te stimuleren in hun ontwikkeling of medewerkers te testen. In de huidige wirwar van mogelijkheden is het "
    "niet gemakkelijk je weg te vinden om het beste e-learningmateriaal uit te zoeken.":
    "E-learning is anything watched or played digitally to pass on knowledge, to encourage staff in their "
    "development or to test them. In today's maze of choices it is not easy to find your way to the best "
    "e-learning material.",
    "Hoe bepaal je welk aanbod voor jou het beste is en waar vind je vervolgens de juiste partners om dit "
    "materiaal te leveren? Of als je de keuze hebt gemaakt zelf materiaal te ontwikkelen, hoe doe je dit dan? "
    "Waar begin je, wie zou het kunnen en op welke termijn?":
    "How do you decide which offer suits you best, and where do you then find the right partners to supply "
    "the material? Or, if you chose to develop material yourself, how do you go about it? Where do you start, "
    "who could do it and how soon?",
    "Al met al vragen die verder gaan dan alleen de aanschaf van een e-learning module of het uitkiezen van een "
    "aanbieder van e-learning materiaal. Het zijn vragen die vooral te maken hebben met de algemene visie op het "
    "opleidingsbeleid binnen de organisatie. Is die visie niet helder, dan wordt de keuze voor wel of geen "
    "e-learning lastig. De vervolgstappen om te kiezen voor een e-learning methode worden zo mogelijk nog "
    "lastiger.":
    "All in all, questions that go beyond buying an e-learning module or choosing a supplier of e-learning "
    "material. They have most to do with the organisation's vision of its training policy. Where that vision "
    "is unclear, choosing for or against e-learning is hard, and the next steps towards an e-learning method "
    "are harder still.",
    "Kennismanagement": "Knowledge management",
    "In iedere organisatie is veel kennis bij medewerkers aanwezig. Vaak blijft deze kennis onderbelicht en "
    "onvoldoende benut. Men weet doorgaans simpelweg niet wat collega’s weten en lang niet altijd is bekend wie "
    "de specialist is binnen een bedrijf op het gebied van een bepaald thema.":
    "In every organisation the staff hold a lot of knowledge. Often it stays unnoticed and is not used "
    "enough. People simply do not know what their colleagues know, and it is far from always known who in a "
    "company is the specialist on a given subject.",
    "Bovendien ontwikkelen collega’s zich in hun vrije tijd en dat kan bijdragen aan verbetering van processen of "
    "verbreden van kennis binnen organisaties. Het hebben van een Kwaliteitspaspoort voor medewerkers waarin zij "
    "kunnen aantonen wat hun kwalificaties en competenties zijn is daarom een zeer handig hulpmiddel.":
    "Colleagues also develop themselves in their free time, which can help improve processes or broaden the "
    "knowledge in organisations. A Quality Passport for staff, in which they can show their qualifications and "
    "competences, is therefore a very useful tool.",
    "[Het Kwaliteitspaspoort](/kwaliteitspaspoort/) is een centrale plek waarin elke medewerker de mogelijkheid "
    "heeft zijn of haar eigen e-portfolio te beheren en te optimaliseren, onafhankelijk van tijd en plaats. De "
    "aanschaf van een dergelijk systeem zal uiteraard moeten passen bij de visie op opleiden binnen de "
    "organisatie.":
    "[The Quality Passport](/kwaliteitspaspoort/) is a central place where every member of staff can manage and "
    "improve their own e-portfolio, at any time and from anywhere. Buying such a system must of course fit the "
    "organisation's vision of training.",
}


def _cli(root: Path, *args: str) -> str:
    result = CliRunner().invoke(main, ["-C", str(root), *args])
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("third") / "site"
    for folder in ("content", "locale", "layouts"):
        shutil.copytree(REPO / folder, root / folder)
    settings = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert 'target-languages = ["de"]\n' in settings
    # the links table's target is German's alone: the English post keeps the Dutch link
    assert '"/kwaliteitspaspoort/" = "/de/qualitaetspass/"\n' in settings
    settings = settings.replace('target-languages = ["de"]\n', 'target-languages = ["de", "en"]\n').replace(
        '"/kwaliteitspaspoort/" = "/de/qualitaetspass/"\n', '"/kwaliteitspaspoort/" = { de = "/de/qualitaetspass/" }\n')
    (root / "pyproject.toml").write_text(settings, encoding="utf-8")
    hugo = (REPO / "hugo.toml").read_text(encoding="utf-8")
    (root / "hugo.toml").write_text(hugo + '\n[languages.en]\ncontentDir = "content/en"\nlanguageName = "English"\n'
                                    "weight = 3\n", encoding="utf-8")
    _cli(root, "extract")
    for path in (root / "locale" / "en" / "LC_MESSAGES").glob("*.po"):
        fill_catalog(path, lambda context, msgid: ENGLISH[msgid])
    _cli(root, "merge")
    subprocess.run(["hugo", "--source", str(root), "--destination", str(root / "public")],
                   check=True, capture_output=True, timeout=120)
    return root


def test_the_german_output_is_what_the_repository_has(site: Path) -> None:
    for folder in ("content/de", "locale/de", "locale/templates"):
        for path in sorted((REPO / folder).rglob("*")):
            if path.is_file():
                copy = site / path.relative_to(REPO)
                assert copy.read_bytes() == path.read_bytes(), copy


def test_the_english_post_is_written_in_english_and_checked_clean(site: Path) -> None:
    english = (site / "content" / "en" / f"{POST_ID}.md").read_text(encoding="utf-8")
    assert "title: \"Workshop: how to shape your future with e-learning\"\n" in english, english
    assert "slug: workshop-e-learning-future\n" in english
    assert "lang: en\n" in english
    assert f"translationKey: {POST_ID}\n" in english
    assert "## Knowledge management\n" in english
    result = CliRunner().invoke(main, ["-C", str(site), "check"])
    assert result.exit_code == 0, result.output
    assert "locale/en" not in result.output and "content/en" not in result.output, result.output
    assert "check: 0 errors, 2 warnings; 100.0% translated (1244 of 1244 words, 36 of 36 units)" in result.output


def test_hugo_builds_three_languages_paired_by_translation_key(site: Path) -> None:
    crawl = Crawl.of(site / "public")
    pages = {"nl": "/workshop-e-learning-toekomst/", "de": "/de/workshop-e-learning-zukunft/",
             "en": "/en/workshop-e-learning-future/"}
    for language, path in pages.items():
        page = crawl.pages.get(path)
        assert page is not None, sorted(crawl.pages)
        assert page.language == language
        others = {lang: url for lang, url in pages.items() if lang != language}
        assert page.alternates == others, (path, page.alternates)


def test_the_english_page_breaks_no_link_the_dutch_one_has_alive(site: Path) -> None:
    crawl = Crawl.of(site / "public")
    dutch = crawl.pages["/workshop-e-learning-toekomst/"]
    english = crawl.pages["/en/workshop-e-learning-future/"]
    dead_in_dutch = {link.href for link in dutch.links if crawl.broken(link) is not None}
    dead = [(link.href, crawl.broken(link)) for link in english.links
            if link.target is not None and crawl.broken(link) is not None]
    # the one dead link: the Dutch page's own, a page the repository's site does not have
    # (its links table maps it for German only)
    assert [href for href, _ in dead] == ["/kwaliteitspaspoort/"], dead
    assert {href for href, _ in dead} <= dead_in_dutch


def test_ci_s_check_takes_a_threshold_per_language(site: Path) -> None:
    """CI's command, with English held to a lower bar than German (what a site adding a
    language would run while its catalogs fill up)."""
    result = CliRunner().invoke(main, ["-C", str(site), "check", "--format", "github",
                                       "--min-translated", "de=100", "--min-translated", "en=50"])
    assert result.exit_code == 0, result.output
    assert "::error" not in result.output
