"""Find boilerplate in article text: the parts of a page that are not the story.

"Also read" links, newsletter and app adverts, "Follow us on Twitter", copyright lines, photo
credits, bylines, contact lines, editor's notes, publication timestamps and datelines are not
claims, quotes or events of the story; ``find_boilerplate`` returns their character spans so that
the analysis can leave them out of facts, quotes, entities and the timeline (and the HTML report can
show them greyed).

Pure text + regex, no NLP model: cheap enough for every article. The unit is the *line* (a
paragraph of the extracted text, or a line of it): a line is boilerplate when it matches a rule as a
whole, or when every sentence of it matches one; a few unambiguous sentence forms (imperatives such
as "Sign up for our newsletter", "Follow her on Twitter @x", "(Reporting by X; Editing by Y)") are
boilerplate even inside a paragraph of news, and a dateline ("MOSCOW (AFP) -", "WASHINGTON —",
"LONDON, July 3 (Reuters) -") is a span of just that prefix at the start of a paragraph.

Precision comes first: a sentence of news that merely mentions a newsletter, an app, copyright law,
a photo or reading ("The app was downloaded 2 million times, the company said.") is news. So the
rules look for the *forms* of boilerplate, not its words: an imperative at the start of a sentence
("Sign up", "Subscribe", "Download the app", "Follow X on Twitter", "Click here", "Watch the video
above"), a label line ("Related:", "ADVERTISEMENT", "ABSTRACT."), a short line that is only a
credit ("Jane Doe via Getty Images", "Handout/Reuters."), only a date ("Published: July 29,
2004"), only a name after "By", or that recurs in the same article (a chart vendor's name under every
chart). Weak forms (a one-line author bio, a bare date, a lone name) count only where pages put
them: at the top or the bottom of the text.

The rules were set by reading the article texts of the shared datasets (PolNeAR, BASIL, AllSides,
NewsWCL50, ECB+, Discord Questions' recession story), where these forms occur for real, and by
checking that their news sentences with the same words ("signed up", "followers on Twitter",
"copyrighted material", "a photo of", "read the Constitution") are left alone. The rules and their
reasons are the table ``RULES`` below; the kinds are ``KINDS``.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass

__all__ = ["KINDS", "RULES", "Rule", "find_boilerplate"]

KINDS = (
    "related-link",  # "Related:", "Read more: ...", "Watch the video above", the headlines after "Related:"
    "advert",  # "Advertisement", "Story continues below advertisement", show and podcast promotion
    "newsletter",  # "Sign up for our newsletter", "Subscribe here", "delivered to your inbox"
    "app",  # "Download our app for iOS or Android", "Get the X app"
    "social",  # "Follow X on Twitter @x", "Like us on Facebook", "Twitter: @x", a lone "Twitter."
    "copyright",  # "© 2019 ...", "Copyright 2016 ...", "All rights reserved", "Reprinted with permission"
    "credit",  # photo and chart credits, captions ending in one, "Courtesy of", "(h/t X)", "As published in"
    "byline",  # "By X", "(Reporting by X; Editing by Y)", "X contributed reporting", contact lines, author bios
    "dateline",  # the "CITY (AGENCY) —" prefix of a paragraph
    "timestamp",  # "Published: July 29, 2004 9:39 AM", "Updated 4:08 p.m. ET", a bare date line at the top
    "correction",  # "This story has been updated ...", "Correction: ...", "Editor's note: ...", "UPDATE:"
    "disclaimer",  # investment and legal disclaimers, cookie notices, "enable JavaScript"
    "navigation",  # all-caps labels ("ABSTRACT.", "TOP STORIES."), menu words, short lines repeated in the article
    "markup",  # CSS and empty embed tags left by extraction, rules of underscores
)

HEAD_LINES = 5  # a bare date is a publication stamp only among the first lines of the text ...
TAIL_LINES = 3  # ... or the last ones; author bios only among the last ones (and in the second half of the text)
MAX_REPEATED_WORDS = 4  # a line of at most this many words that occurs twice or more is page furniture
MAX_HEADLINES_AFTER_HEADER = 5  # headline lines flagged after a "Related:" header


@dataclass(frozen=True)
class Rule:
    """One form of boilerplate.

    ``scope`` says what the pattern must cover to count:

    * ``"sentence"``: a whole sentence; that sentence is boilerplate wherever it is (forms that news
      prose never takes: imperatives addressed to the reader, "(Reporting by X; Editing by Y)");
    * ``"part"``: a whole sentence, but it counts only when every sentence of its line is boilerplate
      and one of them is a ``"sentence"`` form (or the line is among the last ``TAIL_LINES``): forms
      that are boilerplate only beside other boilerplate ("Want more updates from Jane?");
    * ``"line"``: a whole line (credits, labels, timestamps, bylines: short lines that are only that;
      a sentence of this form inside a line counts like ``"part"``);
    * ``"paragraph"``: the start of a line, and then the whole line is boilerplate (openers that
      govern their paragraph: "Disclaimer:", "Correction:", "Editor's note:").

    ``where`` limits a weak form to where pages put it: ``"tail"`` the last ``TAIL_LINES`` lines of the
    text (author bios), ``"last"`` its last line (a signature). ``header`` marks a header over a list
    of links: the headline-like lines after it are links too. ``needs`` lists substrings one of which
    the text must hold for the rule to be tried at all (only for speed: the slow patterns).
    """

    kind: str
    scope: str
    pattern: re.Pattern[str]
    why: str
    where: str | None = None
    header: bool = False
    needs: tuple[str, ...] = ()  # lower-case substrings, one of which the text must hold (skips slow patterns)


def _re(pattern: str, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    return re.compile(pattern, flags)


# Pieces of the patterns below. The rules are case-insensitive; the pieces that must be capitalised
# (names, headlines) say so with (?-i:...).
_CAP = r"(?-i:[A-Z])"
_NAME_WORD = rf"{_CAP}[\w'’-]*\.?"
_PRONOUN = r"(?!(?-i:He|She|They|It|We|I|You|This|That|The|These|Those|There|His|Her|Its)\b)"
_NAME = rf"{_PRONOUN}{_NAME_WORD}(?:\s+(?:{_NAME_WORD}|de|van|von|da|del|der|bin|al|la|le|di)){{0,3}}"
_NOT_TIME = (  # "By Tuesday evening, ..." and "By contrast, ..." are prose, not bylines
    r"(?!(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|"
    r"july|august|september|october|november|december|the|this|that|then|now|early|late|mid|noon|midnight|"
    r"contrast|comparison|law|far|all|some|most|many|design|default|nature|definition|way)\b)"
)
_SOCIAL_SITES = (
    r"(?:twitter|x|facebook|instagram|tiktok|linkedin|threads|bluesky|mastodon|telegram|youtube|snapchat|"
    r"truth social|gab|parler|gettr)"
)
# Who takes pictures: the agencies and libraries named at the end of a credit line.
_PHOTO_SOURCE = (
    r"(?:getty(?:\s?images)?(?:\s+for\s+[\w .&'’-]{1,40})?|afp|ap(?:\s+photo)?|associated press|reuters|epa(?:-efe)?|efe|"
    r"bloomberg|istock(?:photo)?|shutterstock|unsplash|alamy|pool|handout|corbis|sipa(?:\s+(?:usa|press))?|nurphoto|"
    r"zuma(?:\s+(?:press|wire))?|xinhua|tass|sputnik|pa(?:\s+(?:images|wire|media))?|rex(?:\s+features)?|wireimage|"
    r"filmmagic|anadolu(?:\s+agency)?|sopa images|lightrocket|barcroft|polaris|redux|e\+|courtesy|file)"
)
# ... and the sites a picture is taken from ("Getty/Instagram.").
_CREDIT_SOURCE = rf"(?:{_PHOTO_SOURCE}|instagram|twitter|facebook|youtube|the new york times|the washington post)"
_URL_OR_EMAIL = r"(?:https?://\S+|www\.\S+|\S+@\S+\.\w+|\S+\.(?:com|org|net|co\.uk)\b\S*)"
# Headers over lists of links to other stories ("Related:", "Recommended reading").
_LINK_HEADERS = (
    r"(?:related|related (?:articles?|stories|content|coverage|news|links?|reading|videos?|topics)|read more|more reading|"
    r"read also|also read|see also|more on this(?: story| topic)?|recommended(?: reading| for you| stories| articles)?|"
    r"you (?:may|might) also (?:like|be interested in)|further reading|more stories|more news|"
    r"most (?:read|popular|viewed|shared)|trending(?: now| stories)?|editor['’]?s picks|what to read next)"
)

RULES: tuple[Rule, ...] = (
    # --- related links -------------------------------------------------------------------------------
    Rule("related-link", "line", _re(rf"{_LINK_HEADERS}\s*[:.>]?"),
         "a header over a list of links to other stories ('Related:', 'Recommended reading'); the "
         "headline-like lines under it are links too", header=True),
    Rule("related-link", "sentence", _re(
        r"(?:related|read more|read also|also read|see also|more|more from [\w .&'’-]{1,40}|recommended(?: reading)?|"
        r"further reading|watch|video|watch video|listen|photos|gallery|in pictures)\s*[:|>]\s*\S.*"),
         "a label and the headline it links to: 'RELATED: ...', 'READ ALSO: ...', 'More from The Courier: ...', "
         "'WATCH: ...'; news does not open a sentence with such a label and a colon"),
    Rule("related-link", "sentence", _re(r"see also\s.*"),
         "'see also Why the mayor is reconsidering ...': a cross-reference, never prose"),
    Rule("related-link", "sentence", _re(
        r"(?:read|watch|listen(?: to)?|see|view|check out|hear)\b[^.!?]{0,140}?\b(?:here|above|below)\b[^.!?]{0,100}[.:!]?"),
         "an imperative pointing at an embed or a link: 'Watch the ad above.', 'Read the transcript here.', "
         "'Listen to both interviews below:'; news does not send the reader above or below"),
    Rule("related-link", "sentence", _re(
        r"(?:read|see|view|get|watch) (?:the|our) (?:full|rest of the|complete|whole|original|entire|latest) "
        r"(?:story|stories|article|report|interview|transcript|statement|letter|list|piece|rant|text|review|"
        r"thread|post|results?|coverage|updates?|video|speech)\b.*"),
         "'Read the rest of the story at The Daily Courier.', 'Read the full statement via ...:'"),
    Rule("related-link", "sentence", _re(r"(?:to do so, )?read (?:these|more) (?:articles|stories|coverage|(?:on|at) our)\b.*"),
         "'Read these articles from Courier Business for the full story ...', 'To do so, read more on our "
         "topic page.'"),
    Rule("related-link", "sentence", _re(r"(?:please )?(?:click|tap) (?:here|on (?:the|this)|the link|below|through)\b.*"),
         "'Click here to ...': an instruction about the page"),
    Rule("related-link", "sentence", _re(
        r"(?:for (?:more|further) (?:information|details|coverage)|for those who would like more information)"
        r"[^.!?]{0,60}\b(?:(?:use|click|visit|see|follow) (?:this|the) link|click here)\b.*"),
         "'For those who would like more information, simply use this link.'"),
    Rule("related-link", "line", _re(r"\[(?:video|watch|audio|photos?)\s*:.*\]\.?"),
         "'[Video: The full speech ... Watch on YouTube.]': an embed placeholder"),
    Rule("related-link", "sentence", _re(r"watch (?:the )?(?:latest )?videos? (?:at|on)\b.*"),
         "'Watch the latest video at video.example.com.'"),
    Rule("related-link", "line", _re(r"video\s+watch\b.*"),
         "'Video Watch how the senator ...': a video teaser left in the text"),
    Rule("related-link", "sentence", _re(
        r"(?i:watch|read|listen(?: to)?|see)\s+(?:[A-Z0-9“\"'‘(#@$]\S*\s+|(?:a|an|the|of|to|in|on|at|for|and|or|as|by|is|"
        r"vs\.?|with|from|but|not|just)\s+)*[A-Z0-9“\"'‘(]\S*", 0),
         "a title-case teaser opening with an imperative: 'Watch The Best Moments From The Debate.', 'WATCH What "
         "The Senator Does ...' (an embedded video's headline); 'Watch the senator when he opens ...' is not title case"),
    Rule("related-link", "sentence", _re(r"read (?:live|the latest) updates\b.*"),
         "'Read Live Updates On The Iowa Caucuses.'"),
    # --- adverts -------------------------------------------------------------------------------------
    Rule("advert", "line", _re(
        r"(?:advertisement|advertising|advert|ad|sponsored(?: content| post| stories| links?)?|paid (?:content|post|partner)|"
        r"promoted(?: content| stories)?|partner content)\s*[:.]?"),
         "the label an ad slot leaves in extracted text ('Advertisement' three times in one article)"),
    Rule("advert", "sentence", _re(
        r"(?:the )?(?:story|article) continues (?:below|after)(?: (?:the|this))? (?:advertisement|ad)\b.*|"
        r"continue reading(?: the main story| below| the article| the story)?\.?|scroll (?:down )?to continue(?: with content)?\.?"),
         "'Story continues below advertisement', 'Continue reading the main story'"),
    Rule("advert", "sentence", _re(
        r".{0,80}\b(?:airs|is broadcast|streams|is live)\b.{0,20}\bsirius ?xm\b.*|"
        r".{0,120}\bsirius ?xm\b.{0,60}\b(?:weekdays|from \d{1,2}(?::\d\d)? ?(?:a\.m\.|am)\b).*"),
         "'The Morning Show airs on SiriusXM channel 125 weekdays from 6 a.m. to 9 a.m. Eastern.'; 'She spoke to "
         "the Morning Show on Sirius XM about her race.' is news", needs=("sirius",)),
    Rule("advert", "sentence", _re(
        r"keep up with\b.{0,120}\bby (?:checking out|subscribing|following|signing up|downloading|listening)\b.*"),
         "'Keep up with the latest markets news ... by checking out our audio brief'"),
    Rule("advert", "sentence", _re(r"(?:listen|tune in)(?: live)? (?:here|now)\b.*"),
         "'Listen here.' closing a podcast promotion"),
    # --- newsletters ---------------------------------------------------------------------------------
    Rule("newsletter", "sentence", _re(
        r"(?:please |for more,?\s*|and )?(?:sign up|subscribe)\b(?:\s+(?:now|today|here|below|free|for free))?"
        r"(?:[\s,]+(?:for|to|at|and|here|now|today|with|or|below|on)\b.*|\s*[.!:]?)"),
         "the imperative 'Sign up for ...' / 'Subscribe here' / 'Please Subscribe to our Email Alerts.' at the "
         "start of a sentence; 'More than 650,000 people signed up' is not an imperative"),
    Rule("newsletter", "sentence", _re(
        r"(?:(?:to get|get|have|receive)\b[^.!?]{0,80}\b(?:in|into|to|delivered to|straight to|right to) your inbox|"
        r"[^.!?]{0,80}\bdelivered (?:straight |right |directly )?to your inbox)\b.*"),
         "'To get it in your inbox, sign up for free here', '... delivered right to your inbox'", needs=("inbox",)),
    Rule("newsletter", "sentence", _re(
        r"(?:a version of )?this (?:story|article|post|piece) (?:first |originally |also )?appear(?:s|ed) in\b[^.!?]*newsletter\b.*"),
         "'A version of this story appears in the Courier's Morning newsletter.'"),
    Rule("newsletter", "sentence", _re(r"enter your e-?mail(?: address)?\b.*"), "a sign-up form's label"),
    Rule("newsletter", "sentence", _re(r"(?:you can )?unsubscribe (?:at any time|anytime)\b.*|.*\byou can unsubscribe at any time\b.*"),
         "the small print of a newsletter box", needs=("unsubscribe",)),
    Rule("newsletter", "part", _re(
        r"subscribers (?:get|receive)\b.*|if you have subscribed\b.*|if (?:this|it) was forwarded to you\b.*|"
        r"want (?:more|to (?:receive|get|read))\b[^.!?]{0,80}\?|(?:get|stay up to date on|stay informed on) [^.!?]{0,40}\bnewsletter\b.*"),
         "the rest of a newsletter box ('Want more updates from Jane? Sign up for her newsletter ...', 'If this "
         "was forwarded to you, sign up here.'), boilerplate only beside the sign-up line"),
    # --- apps ----------------------------------------------------------------------------------------
    Rule("app", "sentence", _re(
        rf"(?:for more[^,.!?]{{0,60}},\s*)?(?:download|get|install|try)\s+(?:our|the|{_CAP}[\w.&'’-]*)\s+"
        r"(?:free\s+|new\s+|mobile\s+|news\s+)*(?:[\w.&'’-]+\s+){0,3}apps?\b.*"),
         "'For more from The Courier, download our app for iOS or Android.', 'Download the Courier's app here.'; "
         "'The app was downloaded 2 million times' does not start with the imperative"),
    Rule("app", "sentence", _re(r"(?:available|download it|get it) (?:now )?(?:on|in|from) (?:the )?(?:app store|google play|itunes)\b.*"),
         "an app-store badge's text"),
    # --- social media --------------------------------------------------------------------------------
    Rule("social", "sentence", _re(
        rf"(?:please )?(?:follow|find|join|connect with|like) (?:us|me|him|her|them|{_CAP}[^.!?]{{0,100}}?) (?:on|at|via) "
        rf"{_SOCIAL_SITES}\b.*"),
         "'Follow Jane Doe on Twitter @janedoe.', 'Follow him on Twitter: @jsmith.', 'Like us on Facebook'"),
    Rule("social", "sentence", _re(rf"(?:please )?follow (?:us|me|him|her|them|{_NAME})\s+(?:on\s+{_SOCIAL_SITES}\s+)?@\w+.*"),
         "'Follow Jane Doe @janedoe'"),
    Rule("social", "sentence", _re(rf"on {_SOCIAL_SITES},? follow\b.*"), "'On Twitter follow Jane Doe https://...'"),
    Rule("social", "sentence", _re(rf"\(?{_SOCIAL_SITES}\s*:\s*@\w+\)?\.?"), "'Twitter: @janedoe.' under a column"),
    Rule("social", "sentence", _re(r"like (?:the|our|this) (?:facebook )?page\b.*"),
         "'Do you support the senator? Like the page:' (a Facebook widget)"),
    Rule("social", "part", _re(r"do you (?:support|like|love) [^.!?]{1,60}\?"), "the question before 'Like the page:'"),
    Rule("social", "line", _re(
        r"(?:share|share this(?: article| story| page)?|share on \w+|tweet|tweet this|pin it|whatsapp|messenger|"
        r"twitter|facebook|instagram|linkedin|reddit|e-?mail(?: this)?(?: article| story)?|print(?: this)?(?: article| page)?|"
        r"copy link|link copied)\s*[.:]?"),
         "a share button's label on a line of its own ('TWITTER.', 'FACEBOOK.')"),
    # --- copyright -----------------------------------------------------------------------------------
    Rule("copyright", "sentence", _re(
        rf"\(?(?:(?:copyright\s*)?(?:©|\(c\))\s*(?:\d{{4}}|by\b|{_CAP})|copyright\s+(?:\d{{4}}|by\b)|"
        r"(?:\(tm\)|™)\s*(?:&|and)\s*(?:©|\(c\))\s*\d{4}).*"),
         "'© 2019 The Associated Press', 'Copyright © 2015 by ...'; 'copyright law' and 'copyrighted material' "
         "are news and do not open a sentence with © or a year"),
    Rule("copyright", "sentence", _re(r"[^.!?]{0,120}\ball rights reserved\b.*"), "'... All rights reserved.'",
         needs=("reserved",)),
    Rule("copyright", "sentence", _re(r"this material may not be (?:published|broadcast|rewritten|redistributed)\b.*"),
         "the wire services' redistribution notice"),
    Rule("copyright", "sentence", _re(
        r"(?:reprinted|republished|reproduced) (?:here )?(?:with (?:the )?(?:kind )?permission|by permission|courtesy of|"
        r"by arrangement with)\b.*"),
         "'Reprinted courtesy of the publisher.'"),
    # --- credits -------------------------------------------------------------------------------------
    Rule("credit", "line", _re(
        r"\(?(?:(?:file )?(?:photo|photograph|picture|image|illustration|video|graphic|chart|screenshot|screengrab|"
        r"photo illustration)s?(?: credit)?|credits?|image copyright|image caption|media caption|copyright)"
        r"\s*(?:by|:|courtesy(?: of)?|-)\s*[^.!?]{1,120}?\)?\.?"),
         "a credit line: 'Photo: Jane Doe/Getty Images', 'Photo by Jane Doe on Unsplash', "
         "'Image copyright Getty Images'; only as a whole line, so 'A photo by the campaign showed ...' is news"),
    Rule("credit", "line", _re(rf"[-–—]?\s*\(?{_CREDIT_SOURCE}(?:\s*/\s*{_CREDIT_SOURCE})*\)?\s*\.?"),
         "a credit alone on its line: 'Getty.', 'Getty/Instagram.', '- Reuters.', 'ASSOCIATED PRESS.'"),
    Rule("credit", "line", _re(
        r"(?:[^\s.!?]+\s){0,8}courtesy of\s[^.!?]{1,60}|\(?(?:h/t|hat tip)\s*:?\s+[^.!?]{1,80}\.?\)?\.?|"
        r"\(?(?:source|data|data source|chart source)\s*:\s*[^.!?]{1,80}\)?\.?"),
         "'Lumber Futures Courtesy of a data vendor', '(h/t The Courier.)', 'Source: Bloomberg': a chart's or a "
         "tip's source on its own line ('Sources close to the president said ...' has no colon, and 'Sources: ...' is "
         "a headline's attribution)"),
    Rule("credit", "sentence", _re(r"as (?:first |originally )?(?:published|appeared) (?:in|on)\b.*"),
         "'As published in the International Daily Courier.'"),
    Rule("credit", "sentence", _re(
        r"this (?:story|article|post|piece|column|content) (?:was |is |has been |first |originally )*"
        r"(?:published|appeared|originated|posted|syndicated|produced in partnership|republished)\b.*"),
         "'This post originated at Example.Com.', 'This article first appeared on ...'"),
    Rule("credit", "sentence", _re(
        r"this is an? (?:abridged|edited|shortened|condensed|excerpted) version of\b.*|"
        r"[^.!?]{0,60}\b(?:has )?(?:supplemented|adapted) this (?:\w+ )?(?:article|story|report)\b.*"),
         "'This is an abridged version of the full report published on ...', 'The Courier has "
         "supplemented this wire article with additional quotes ...'"),
    # --- bylines, contributors, contacts, author bios ------------------------------------------------
    Rule("byline", "sentence", _re(
        rf"[(\[]\s*(?:additional )?(?:reporting|writing|editing|compiled|reported) by\b.*|additional reporting by\b.*|"
        rf"(?:reporting|writing|editing) by [^.!?]{{1,120}}?;\s*(?:additional reporting|writing|editing)[^.!?]* by\b.*|"
        rf"(?:reporting|writing|editing) by {_NAME}(?:\s*(?:,|and|&)\s*{_NAME})*(?: in {_NAME})?\.?"),
         "the wire credit '(Reporting by Jane Doe; Additional reporting by ...; Editing by John Smith.)'; "
         "'Reporting by The Washington Post revealed ...' is news"),
    Rule("byline", "sentence", _re(rf"(?:written|edited|compiled|curated) by\s+{_CAP}[^,;!?]{{1,100}}[.)]?"),
         "'Curated by Jane Doe in New York.', 'Edited by John Smith (@jsmith) in London ...'; with no comma, "
         "so 'Written by Jane Doe, the novel ...' stays"),
    Rule("byline", "sentence", _re(
        r".{1,200}\bcontributed (?:additional )?(?:reporting|to this (?:report|story|article|post|piece)|"
        r"to the reporting)\b.*"),
         "'Jane Doe and John Smith contributed reporting.', 'The Courier’s Jane Doe contributed to this "
         "report.'; 'He also contributed $300,000' does not match", needs=("contributed",)),
    Rule("byline", "part", _re(rf"{_NAME}\s+(?:reported|wrote|contributed) from\s+{_CAP}[^.!?]{{0,60}}\.?"),
         "'John Smith reported from Washington, D.C.' beside a 'contributed reporting' line"),
    Rule("byline", "line", _re(
        rf"(?:by|byline:)\s+{_NOT_TIME}{_NAME}(?:\s*(?:,|and|&)\s*{_NOT_TIME}{_NAME}){{0,3}}"
        rf"(?:\s*(?:,|\||-|–|—|for|of)\s*[\w .&'’-]{{1,60}})?\.?"),
         "a byline: 'By Jane Doe, Daily Courier', 'BYLINE: Jane Doe.'; names only (capitalised "
         "words), so 'By Tuesday evening ...' and 'By winning the primary ...' are prose"),
    Rule("byline", "line", _re(
        rf"(?:opinion|analysis|commentary|perspective|a column|column|an essay|essay|photos|video|words|text|story) by\s+"
        rf"{_NAME}(?:\s*(?:,|and|&)\s*{_NAME})*(?:\s*(?:,|\||for|of)\s*[\w .&'’-]{{1,60}})?\.?"),
         "'Opinion by Jane Doe for Courier Perspectives'; 'Analysis by Senate Democrats found ...' is news"),
    Rule("byline", "line", _re(rf"[-–—]\s?{_CAP}[\w.'’-]+(?:\s{_CAP}[\w.'’-]+){{0,3}}(?:,\s?{_CAP}[\w .'’-]{{1,30}})?\.?"),
         "a signature closing the text: '- Jane Doe.', '-John Smith, Philadelphia.'; in the body (or under a "
         "quote) such a line names the speaker of the quote above it ('- Senator Smith.')", where="last"),
    Rule("byline", "line", _re(r"(?:[\w.'’-]+,?\s){0,4}(?:staff|senior|contributing|special|guest) (?:writer|reporter|correspondent|editor)\.?"),
         "'Jane Doe, Staff Writer'"),
    Rule("byline", "sentence", _re(
        rf"[(\[]?(?:contact|reach|e-?mail|write to|message|send (?:tips|news tips|feedback|story ideas|questions|"
        rf"comments|tips/[\w/]+)\b[^.!?]{{0,60}}?\bto)\b[^.!?]{{0,100}}?(?:{_URL_OR_EMAIL}|\s@\w+).*"),
         "a contact line: 'Contact the author at ...', 'Reach him directly at jsmith@example.com.', 'EMAIL: "
         "desk@example.com.', 'Send tips/quips/... to Jane Doe jane@example.com.'; the address makes it certain"),
    Rule("byline", "sentence", _re(
        rf"(?:he|she|they|the (?:author|writer|reporter|columnist)|{_NAME}) (?:can|may) be (?:reached|contacted|emailed)"
        rf" (?:at|via|by|on)\b.*"),
         "'He can be reached at jsmith@example.com'; 'could not immediately be contacted for comment' is news"),
    Rule("byline", "part", _re(r"\(?(?:feedback|tips|questions|comments|story ideas)(?: or (?:tips|feedback|questions|comments))?\?"),
         "'(Feedback or tips? Email ...)'"),
    Rule("byline", "part", _re(
        rf"{_NAME}(?:,[^,]{{1,100}},)?\s+(?:is|serves as)\s+(?:also\s+)?(?:a\s+|an\s+|the\s+)?[^.!?]{{0,80}}?"
        r"\b(?:columnist|contributors?|contributing (?:writer|editor|columnist)|(?:[\w-]+ )?(?:writer|reporter|correspondent|"
        r"editor|producer|blogger)|co-host|host of|author of|editorial (?:board|page))\b[^.!?]{0,200}[.!]?"),
         "an author bio: 'Jane Doe is the business columnist for ...', 'John Smith, a ... professor, "
         "is a member of the Courier's Board of Contributors.'; only on the last lines of the text or beside another "
         "boilerplate sentence ('... is a Reporter for the Courier. Follow her on Twitter at @x.'): in the body such a "
         "sentence introduces a source", where="tail"),
    Rule("byline", "line", _re(rf"{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,3}}"),
         "a lone name of two to four words closing the text: a signature ('Jane Q. Doe', 'John Smith.')",
         where="last"),
    # --- corrections, updates, editor's notes --------------------------------------------------------
    Rule("correction", "sentence", _re(
        r"this (?:story|article|post|piece|column|blog post|entry) (?:has been|was|had been|is being|will be|have been|has)"
        r"\s+(?:\w+\s+){0,2}?(?:updated|corrected|revised|amended|edited|changed|clarified|expanded|modified|supplemented)\b.*"),
         "'This story has been updated to include comments from ...', 'This post has been revised to reflect the "
         "following correction:'"),
    Rule("correction", "paragraph", _re(
        r"(?:an earlier version of this (?:story|article|post|report|piece|column)|(?:correction|clarification)s?\s*(?:[:—–]|--)|"
        r"editor['’]?s['’]? note\s*[:—–-])"),
         "'Correction: An earlier version of this article incorrectly ...', 'Editor’s note: ...': the whole paragraph "
         "is the note"),
    Rule("correction", "line", _re(
        r"(?:correction|corrections|clarification|correction appended|editor['’]?s note|update|updated|updates|note|"
        r"this story has been corrected)\s*[:.]?"),
         "the label alone: 'CORRECTION APPENDED.', 'CORRECTION:', 'UPDATE:' (an 'UPDATE: ...' with news after it is kept)"),
    Rule("correction", "sentence", _re(
        r"this is a (?:developing|breaking)(?: news)? (?:story|situation|update)\b.*|(?:please )?check back (?:later |soon )?"
        r"for (?:updates|more)\b.*|this (?:story|article|post) (?:is developing|will be updated)\b.*|more to come\.?"),
         "'This is a developing story and will be updated.'"),
    # --- disclaimers ---------------------------------------------------------------------------------
    Rule("disclaimer", "paragraph", _re(
        r"(?:disclaimer\s*(?::|--|—|–|-)|this (?:material|article|content|information|post|report|newsletter|commentary)s? "
        r"(?:on this (?:page|site) )?(?:is|are) (?:provided )?(?:solely )?(?:for|intended for) (?:general )?"
        r"(?:educational|informational|information|entertainment)\b[^.!?]{0,60}\bpurposes only|information on these pages contains "
        r"forward-looking statements|the (?:author|authors|writer)[^.!?]{0,80}\b(?:are|is) not (?:a )?(?:registered|licensed) "
        r"(?:investment|financial)|we use cookies\b|this (?:site|website) uses cookies\b|please (?:make sure your browser supports|"
        r"enable) javascript|your browser (?:does not|doesn't) support)"),
         "investment and legal disclaimers, cookie notices and browser warnings open their paragraph and fill it"),
    Rule("disclaimer", "sentence", _re(r"(?:we are sorry|sorry),?\s*this video is (?:restricted|unavailable|not available)\b.*"),
         "a video player's error: 'We Are Sorry, This video is restricted from playing in your location'"),
    # --- navigation, labels, markup ------------------------------------------------------------------
    Rule("navigation", "line", _re(
        r"(?:home|menu|search|sections?|skip to (?:main )?content|back to top|top of page|comments?(?: \(\d+\))?|\d+ comments?|"
        r"show comments|leave a comment|view comments|sign in|log ?in|log out|register|next(?: article| story| post)?|"
        r"previous(?: article| story| post)?|close|loading\.*|cookies? (?:on [\w ]{1,30}|policy|settings)|privacy policy|"
        r"terms (?:of (?:use|service)|and conditions)|accept(?: all)?(?: cookies)?|embed|get breaking news|"
        r"stay up to date(?: on [\w -]{1,30})?|for immediate release|full text|abstract|transcript|listen to this article|"
        r"\d+ min(?:ute)? read)\s*[:.]?"),
         "menu, comment and cookie-banner words, and database labels ('ABSTRACT.', 'FULL TEXT.') on a line of their own"),
    Rule("navigation", "line", _re(r"[A-Z][A-Z’'&/-]+(?: [A-Z][A-Z’'&/-]*){0,3}\s*[.:]?", 0),
         "an all-caps label of at most four words: 'LETTERS.', 'TOP STORIES.', 'BEFORE YOU GO.' "
         "(a shout ending in '!' or '?' is a quote and stays)"),
    Rule("markup", "line", _re(r"(?:[^\w\s]|_)+(?:\s+(?:[^\w\s]|_)+)*"),
         "debris of extraction: a line of punctuation ('___.', '***', '}')"),
    Rule("markup", "line", _re(r"[.#]?[\w-]+(?:[\s,>.#:]+[.#]?[\w-]+)*\s*\{|(?-i:[a-z-]+)\s*:\s*[\w#%.,()'\" -]{1,40};"),
         "CSS left by extraction ('.image-wrap {', 'width:100%;')", needs=("{", ";",)),
    Rule("markup", "line", _re(r"<(?P<tag>\w+)\b[^>]*>\s*(?:</(?P=tag)>|<(?P=tag)/>)\.?"),
         "an empty embed tag ('<tweet tweet-id=\"...\"><tweet/>.')", needs=("<",)),
)


# --- timestamps (a token vocabulary rather than one regex) -----------------------------------------------
_DATE_LABEL = re.compile(
    r"^(?:(?:last |first |originally )?(?:published|updated|posted|modified|created|filed|released)(?: (?:on|at|time|date))?|"
    r"story (?:created|updated)|date(?: published| posted)?|published time|pub(?:lished)? date)\s*:?\s*",
    re.IGNORECASE,
)
_MONTH_WORDS = frozenset(
    "jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june july august september "
    "october november december".split()
)
_WEEKDAY_WORDS = frozenset(
    "mon tue tues wed thu thur thurs fri sat sun monday tuesday wednesday thursday friday saturday sunday".split()
)
_TIME_WORDS = frozenset(  # clock words, time zones and the glue of a timestamp
    "am pm a p m noon midnight gmt utc bst cet cest eet ist jst kst aest aedt sgt hkt msk et pt ct mt edt est pdt pst "
    "cdt cst mdt mst akdt akst hst at on of the and to updated published posted last".split()
)
_DATE_PUNCT = frozenset(",:/.-–—|()[]+@")
_DATE_TOKEN = re.compile(r"\d+(?:st|nd|rd|th)?|[^\W\d_]+|[^\w\s]")
_CLOCK = re.compile(r"\d{1,2}\s?[:.]\s?\d{2}|\d\s?[ap]\.?\s?m\b", re.IGNORECASE)
_NUMERIC_DATE = re.compile(r"\b\d{1,4}\s?[/.-]\s?\d{1,2}\s?[/.-]\s?\d{2,4}\b")


def _timestamp(line: str) -> str | None:
    """How ``line`` is a timestamp: "label" ("Published: July 29, 2004", "Updated 4:08 p.m. ET"), "date"
    (a bare date or date-time: "August 7, 2012", "Fri Aug 2, 2013 6:50pm EDT"), "clock" (a bare time of
    day: "9:05 p.m.", a live blog's entry); None if it holds anything else."""
    if len(line) > 90:
        return None
    label = _DATE_LABEL.match(line)
    rest = line[label.end() :] if label else line
    tokens = _DATE_TOKEN.findall(rest)
    if not any(t[0].isdigit() for t in tokens):
        return None
    named = False
    for token in tokens:
        lower = token.lower()
        if token[0].isdigit():
            if len(token.rstrip("stndrh")) > 4:
                return None
        elif lower in _MONTH_WORDS or lower in _WEEKDAY_WORDS:
            named = True
        elif not (lower in _TIME_WORDS or token in _DATE_PUNCT or (token.isupper() and len(token) <= 4)):
            return None  # a word that is not part of a date: a sentence, not a stamp
    numeric = bool(_NUMERIC_DATE.search(rest))
    if label and (named or numeric or _CLOCK.search(rest)):
        return "label"
    if named or numeric:
        return "date"
    return "clock" if _CLOCK.search(rest) else None


# --- credits at the end of a line (a caption keeps its text, the credit goes) ------------------------------
_VIA_SOURCE = (
    r"(?:getty\s?images|getty|shutterstock|istock(?:photo)?|unsplash|alamy|wireimage|filmmagic|nurphoto|zuma(?:\s+(?:press|wire))?|"
    r"sipa(?:\s+usa)?|sopa images|lightrocket|pool|e\+|ap photo|afp photo|reuters pictures|pa images|pa wire|"
    r"rex(?:\s+features)?|abaca|imago|picture alliance)"
)
_CREDIT_WORD = r"(?:(?-i:[A-Z])\.|[^\s/().]+)"  # a word of a photographer's name: no full stop but an initial's
_CREDIT_TAIL = re.compile(
    rf"""(?:
        \(\s*(?:(?:AP|AFP|Reuters|EPA|Getty)\s+)?(?:photo|image|picture|credit|file\ photo|photograph)s?\b[^()]{{0,80}}\)
      | \([^()]{{0,60}}/\s?{_PHOTO_SOURCE}[^()]{{0,30}}\)
      | \((?:[^()]{{0,60}}\s)?via\s+{_VIA_SOURCE}[^()]{{0,30}}\)
      | (?<![^\s.:,;])(?:credit:?\s*)?{_CREDIT_WORD}(?:\s{_CREDIT_WORD}){{0,4}}\s?/\s?
        (?:{_CREDIT_WORD}(?:\s{_CREDIT_WORD}){{0,3}}\s?/\s?)*{_PHOTO_SOURCE}(?:\s+via\s+getty\s?images)?(?:\s+(?-i:[A-Z])\w+){{0,2}}
      | (?<![^\s.:,;])(?:{_CREDIT_WORD}\s){{1,6}}via\s+{_VIA_SOURCE}
    )\s*\.?\)?\.?\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
"""A picture credit closing a line: "(AP Photo/Jane Doe)", "(JOHN SMITH/AFP/Getty Images.)",
"Jane Doe/Getty Images", "John Smith via Getty Images.", "Jane Doe/iStock/Getty Images". The
sources are picture agencies, so "... the Reuters/Ipsos poll." and "... released via Reuters." are
news. When text precedes the credit it is a caption, which states facts ("The senator at the
Capitol in December."; the facts-dev guidelines count it) and
is kept: only the credit is a span."""


def _credit_tail(line: str) -> int | None:
    """Where the picture credit that ends ``line`` starts (0: the line is only a credit); None if there is none."""
    if "/" not in line and " via " not in line.lower() and not line.rstrip(".").endswith(")"):
        return None
    match = _CREDIT_TAIL.search(line)
    return None if match is None else match.start()


# --- datelines -------------------------------------------------------------------------------------------
_AGENCIES = (
    "AP|Associated Press|AFP|Agence France-Presse|Reuters|Reuters Health|UPI|CNN|CNN Business|CNN Politics|CNN Money|"
    "Bloomberg|dpa|DPA|Xinhua|TASS|ITAR-TASS|EFE|ANSA|IANS|PTI|ANI|Kyodo|Kyodo News|Yonhap|Interfax|RIA Novosti|Sputnik|"
    "BBC|NBC|NBC News|CBS|CBS News|ABC|ABC News|Fox News|CNBC|MarketWatch|The Hill|AAP|CP|Canadian Press|Anadolu|AA|WAM|"
    "KUNA|IRNA|Tasnim|MENA|Lusa|Belga|ANP|PAP|BTA|Ukrinform|UNIAN|Bernama|Antara|VNA|CNA|NHK|JIJI|Jiji Press|KCNA|"
    "HealthDay News|HealthDay|AFP-JIJI|Thomson Reuters Foundation|Reuters Breakingviews|Business Wire|PRNewswire|"
    "PR Newswire|GLOBE NEWSWIRE|Globe Newswire|ACCESSWIRE"
)
_AGENCY = rf"\(\s*(?:{_AGENCIES})\s*\)"
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DL_DATE = rf"(?:\s*,?\s*{_MONTH}\s+\d{{1,2}}(?:\s*,\s*\d{{4}})?)"
_DL_REGION = r"(?:\s*,\s*[A-Z][\w.'’-]*\.?(?:\s+[A-Z][\w.'’-]*\.?){0,2})"
_DL_CAPS = r"[A-Z][A-Z.'’-]{2,}(?:\s+[A-Z][A-Z.'’-]*){0,3}"
_DL_PLACE = r"[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}"
_DL_PAREN_PLACE = r"(?:\s*\(\s*[A-Z][\w .'’-]{1,30}\))?"
_DL_DASH = r"(?:\s*(?:—|–|―|--)|\s+-(?=\s|$)|-(?=\s))"
DATELINE = re.compile(
    rf"""^(?:
        (?P<caps>{_DL_CAPS}){_DL_REGION}?{_DL_DATE}?(?:\s*{_AGENCY}){{0,2}}{_DL_DASH}  # WASHINGTON (AP) —, LONDON, July 3 (Reuters) -
      | {_DL_PLACE}{_DL_REGION}?{_DL_PAREN_PLACE}{_DL_DATE}?\s*{_AGENCY}{_DL_DASH}       # Beirut (AFP) –, Nagpur (India) (AFP) –
      | {_MONTH}\s+\d{{1,2}}(?:\s*,\s*\d{{4}})?\s*{_AGENCY}{_DL_DASH}                     # Aug 27 (Reuters) -
      | {_AGENCY}(?:{_DL_DASH}|(?=\s*[A-Z“"]))                                            # (CNN) —, (CNN)Americans
    )""",
    re.VERBOSE,
)
"""A dateline: an all-caps place (with its state, date and agency), a place with its agency, or the
agency alone, then a dash, at the start of a paragraph. A mixed-case place needs the agency, so "Sen.
Ted Cruz (R-Texas) — announced" is not one."""

_NOT_PLACES = frozenset(
    "UPDATE UPDATED BREAKING EXCLUSIVE WATCH VIDEO CORRECTION NOTE ANALYSIS OPINION LIVE PHOTOS PHOTO FIRST "
    "EDITOR'S EDITOR’S READ RELATED MORE WARNING ALERT SPOILER PODCAST LISTEN REVIEW FACT NATO FBI CIA NSA NASA GOP "
    "EU UN UK US USA WHO IMF OPEC DNC RNC CDC FDA EPA DOJ IRS ISIS ISIL NFL NBA MLB NHL FIFA UEFA OK NO YES WOW "
    "SCOTUS POTUS FLOTUS BBC CNN ABC NBC CBS AP AFP AND BUT".split()
)
"""All-caps words that open a paragraph before a dash without being a place ("UPDATE — ...", "NATO — ...")."""


def _dateline(line: str) -> int:
    """The length of the dateline that opens ``line``, without the spaces after its dash (0 if none)."""
    match = DATELINE.match(line)
    if not match:
        return 0
    caps = match.group("caps")
    if caps and caps.split()[0].rstrip(".,:") in _NOT_PLACES:
        return 0
    return len(match.group().rstrip())


# --- sentences -------------------------------------------------------------------------------------------
_BOUNDARY = re.compile(
    r"[.!?]+[\"”’')\]]*\s+(?=[\"“‘'(\[]?[A-Z0-9@#©~])|[.!?]+(?=[A-Z][a-z])(?!(?:Com|Org|Net|Gov|Edu|Co)\b)"
)  # a missing space after a full stop ("here.Read the latest") still splits, a domain ("Example.Com") does not
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr sen rep gov gen lt col sgt st jr sr no inc co corp ltd vs jan feb mar apr jun jul aug sep sept oct "
    "nov dec u.s u.k u.n d.c fla calif mass ariz tex pa ill mich wis minn wash ore nev colo conn del ga ky la md mo "
    "miss neb okla tenn va vt wyo n.y n.j n.h n.c s.c n.m n.d s.d prof rev hon pres e.g i.e a.m p.m".split()
)
_LAST_WORD = re.compile(r"([\w.]+)$")


def _sentences(line: str) -> list[tuple[int, int]]:
    """Sentence spans of one line (a plain splitter: a wrong split can only make a rule miss)."""
    spans, start = [], 0
    for match in _BOUNDARY.finditer(line):
        before = _LAST_WORD.search(line, max(0, match.start() - 40), match.start())
        word = before.group(1).lower().rstrip(".") if before else ""
        if match.group().startswith(".") and (word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())):
            continue
        end = match.start() + len(match.group().rstrip())
        if line[start:end].strip():
            spans.append((start, end))
        start = match.end()
    if line[start:].strip():
        spans.append((start, len(line.rstrip())))
    return spans


# --- classification --------------------------------------------------------------------------------------
_ENCLOSING_QUOTES = re.compile(r"^[\"“](?P<inner>[^\"“”]*)[\"”]\.?$")
_TWEET_SIGNATURE = re.compile(r"\(@\w+\)\s+\w+\.? \d{1,2}, \d{4}")
_WORDS = re.compile(r"[\w'’-]+")
_TERMINAL = re.compile(r"[.!?][\"”’')\]]*$")
_READ_MORE_TAIL = re.compile(r"(?<=[.!?\"”’)])\s+(read more)\s*$", re.IGNORECASE)


def _match(text: str, scopes: tuple[str, ...], position: frozenset[str]) -> Rule | None:
    """The first rule of one of ``scopes`` that ``text`` (a line or a sentence) is an instance of.

    ``position`` holds "tail" and "last" when the line is among the last lines of the text.
    """
    text = text.strip()
    quoted = _ENCLOSING_QUOTES.match(text)  # PolNeAR quotes some lines whole: '"Related:"'
    if quoted:
        text = quoted.group("inner").strip()
    if not text or ("(@" in text and _TWEET_SIGNATURE.search(text)):
        return None  # the end of an embedded tweet ("... — Jane Doe (@janedoe) June 29, 2016") is a quote
    fast, rules, slow = _rules(scopes, position)
    if not fast.fullmatch(text):  # one pass over the rules without ``needs`` rejects most text
        rules = slow
    lower = text.lower()
    for rule in rules:
        if rule.needs and not any(n in lower for n in rule.needs):
            continue
        if rule.scope == "paragraph":
            if rule.pattern.match(text):
                return rule
        elif rule.pattern.fullmatch(text):
            if rule.kind == "navigation" and not (len(text.split()) <= 4 and sum(c.isalpha() for c in text) >= 3):
                continue  # a label has at most four words and three letters
            return rule
    return None


@functools.cache
def _rules(
    scopes: tuple[str, ...], position: frozenset[str]
) -> tuple[re.Pattern[str], tuple[Rule, ...], tuple[Rule, ...]]:
    """One pattern that matches what any rule of ``scopes`` without ``needs`` that applies at ``position``
    matches (a paragraph rule: its start); those rules in order; the ones among them with ``needs``."""
    rules = tuple(r for r in RULES if r.scope in scopes and (r.where is None or r.where in position))
    parts = []
    for rule in rules:
        if not rule.needs:
            flag = "i" if rule.pattern.flags & re.IGNORECASE else "-i"
            tail = ".*" if rule.scope == "paragraph" else ""
            parts.append(f"(?{flag}:{rule.pattern.pattern}){tail}")
    return re.compile("|".join(parts)), rules, tuple(r for r in rules if r.needs)


def _headline_like(text: str) -> bool:
    """A line under a "Related:" header that reads as a headline: short, title case or without a full stop."""
    words = _WORDS.findall(text)
    if not words or len(words) > 20:
        return False
    long_words = [w for w in words if len(w) > 3]
    title_case = bool(long_words) and sum(w[0].isupper() for w in long_words) >= 0.7 * len(long_words)
    return title_case or not _TERMINAL.search(text)


_CLOSING_QUOTES = ('"', "”", "''", '".', "”.", "’")
_ANYWHERE: frozenset[str] = frozenset()
_TAIL = frozenset({"tail"})
_LAST_ONLY = frozenset({"last"})


def find_boilerplate(text: str) -> list[tuple[int, int, str]]:
    """Return the boilerplate spans of ``text``: sorted, non-overlapping ``(start, end, kind)``, ``end`` exclusive.

    ``kind`` is one of ``KINDS``. A span is a whole line without its surrounding whitespace, a
    sentence of a line, a dateline at the start of a line, or a trailing "read more".
    """
    # no-break spaces and a byte-order mark count as spaces for the rules; offsets stay those of ``text``
    plain = text.replace("\xa0", " ").replace("\ufeff", " ")
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", plain) if m.group().strip()]
    counts = Counter(" ".join(plain[s:e].split()).casefold() for s, e in lines)
    spans: list[tuple[int, int, str]] = []
    headlines_left = 0  # lines under a "Related:" header that may still be its headlines
    for index, (line_start, line_end) in enumerate(lines):
        raw = plain[line_start:line_end]
        start = line_start + len(raw) - len(raw.lstrip())
        end = line_start + len(raw.rstrip())
        from_end = len(lines) - index
        # a name under a closing quote names the speaker ('"..."' then '- Sanders.'), not the author
        after_quote = index > 0 and plain[lines[index - 1][0] : lines[index - 1][1]].rstrip().endswith(_CLOSING_QUOTES)
        position = _TAIL if from_end <= TAIL_LINES and index >= len(lines) / 2 else _ANYWHERE
        if from_end == 1 and not after_quote:
            position = position | _LAST_ONLY
        edge = index < HEAD_LINES or from_end <= TAIL_LINES
        cut = _dateline(plain[start:end])
        if cut:
            spans.append((start, start + cut, "dateline"))
            rest = plain[start + cut : end]
            start = end - len(rest.lstrip())
            if start >= end:
                headlines_left = 0
                continue
        line = plain[start:end]
        sentences = _sentences(line)
        found = _line_kind(line, sentences, position, edge, counts)
        if found is None and headlines_left and _headline_like(line):
            found, headlines_left = ("related-link", False), headlines_left - 1
        elif found is not None and found[1]:
            headlines_left = MAX_HEADLINES_AFTER_HEADER
        elif found is None:
            headlines_left = 0
        if found is not None:
            spans.append((start, end, found[0]))
            continue
        credit = _credit_tail(line)
        if credit:  # a caption: the credit goes, the caption stays
            spans.append((start + credit, end, "credit"))
        spans.extend((start + s, start + e, kind) for s, e, kind in _sentence_spans(line, sentences))
        more = _READ_MORE_TAIL.search(line)
        if more:
            spans.append((start + more.start(1), start + more.end(1), "related-link"))
    return _without_overlaps(spans)


def _line_kind(
    line: str, sentences: list[tuple[int, int]], position: frozenset[str], edge: bool, counts: Counter[str]
) -> tuple[str, bool] | None:
    """(kind, is a link header) when the whole of ``line`` is boilerplate, else None."""
    rule = _match(line, ("line", "paragraph"), position)
    if rule is not None:
        return rule.kind, rule.header
    if _credit_tail(line) == 0:
        return "credit", False
    stamp = _timestamp(line)
    if stamp in ("label", "clock") or (stamp == "date" and edge):
        return "timestamp", False  # a bare date in the body may head a timeline entry: only at the edges
    words = _WORDS.findall(line)
    if (  # a short line repeated in the article: a chart vendor's name, an ad slot
        counts[" ".join(line.split()).casefold()] >= 2
        and 0 < len(words) <= MAX_REPEATED_WORDS
        and line[0].isupper()
        and not line.endswith(("?", "!", '"', "”"))
        and (not line.endswith(".") or len(words) <= 2)
    ):
        return "navigation", False
    rules = []
    for s, e in sentences:
        # a bio counts anywhere beside a strong form ("... is a Reporter for Fox News. Follow her on Twitter ...")
        rule = _match(line[s:e], ("sentence", "part", "line"), position | _TAIL)
        if rule is None:
            return None
        rules.append(rule)
    if not rules or not (any(r.scope == "sentence" for r in rules) or "tail" in position):
        return None  # only weak forms: boilerplate only at the end of the text
    return rules[0].kind, False


def _sentence_spans(line: str, sentences: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """The sentences of a line of news that are boilerplate on their own (``scope == "sentence"``)."""
    out: list[tuple[int, int, str]] = []
    if len(sentences) < 2:
        return out  # a line of one sentence was judged whole
    for s, e in sentences:
        rule = _match(line[s:e], ("sentence",), _ANYWHERE)
        if rule is not None:
            out.append((s, e, rule.kind))
    return out


def _without_overlaps(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    out: list[tuple[int, int, str]] = []
    for start, end, kind in sorted(spans):
        if out and start < out[-1][1]:
            continue
        out.append((start, end, kind))
    return out
