"""The English lexicon: for each cue kind, sentences that must fire (police summaries and chat
threats as quoted in news reports) and harmless look-alikes or negated sentences that must not."""

from __future__ import annotations

import pytest

from tipline.assessment.text.cues import find_cues
from tipline.assessment.text.lexicon import CueKind

T = CueKind.threats_or_blackmail
S = CueKind.self_harm_or_suicide
M = CueKind.planned_meeting
A = CueKind.offender_has_access_to_children
Y = CueKind.very_young_victim
R = CueKind.recently_produced_material
L = CueKind.live_streaming
P = CueKind.payment_or_exchange
X = CueKind.abuse_of_sibling_or_other_child


def kinds(text: str) -> set[CueKind]:
    return {c.kind for c in find_cues(text, "en")}


FIRES: list[tuple[CueKind, str]] = [
    # threats or blackmail
    (T, "The suspect threatened to send the pictures to the girl's classmates."),
    (T, "He demanded money and said he would publish the video online."),
    (T, "pay or I will send your photos to your family"),
    (T, "if you don't send more pics I will post them everywhere"),
    (T, "You have 24 hours to pay."),
    (T, "The boy was being blackmailed by an adult he had met in an online game."),
    (T, "The offender coerced the victim into sending further images."),
    (T, "I know where you live"),
    (T, "send it or everyone at your school will see the video"),
    (T, "She was told her images would be shared with her followers unless she paid."),
    (T, "The man said he would hurt her family if she told anyone."),
    (T, "He threatened to publicly expose her images."),
    (T, "The victims were subjected to sextortion."),
    # self-harm or suicide
    (S, "I want to die"),
    (S, "I'm going to kill myself"),
    (S, "She wrote that she wanted to end her life."),
    (S, "The girl had harmed herself after the images were shared."),
    (S, "The report led to a suicide attempt by the boy."),
    (S, "The victim attempted suicide."),
    (S, "i dont want to be alive anymore"),
    (S, "He told the counsellor he had been cutting himself."),
    (S, "everyone would be better off without me"),
    # planned meeting
    (M, "The man arranged to meet the girl at a shopping centre."),
    (M, "He offered to pick her up after school."),
    (M, "Chat logs showed he had booked a hotel room for the weekend."),
    (M, "I will come to your town on Saturday, we can meet at the station"),
    (M, "let's meet tomorrow after school"),
    (M, "He travelled to Germany to meet the child."),
    (M, "The suspect persuaded the boy to come to his flat."),
    (M, "where can we meet?"),
    (M, "The man made plans to meet the same weekend."),
    (M, "He had previously enticed the child to meet in person."),
    (M, "She was convinced to travel to another city to see him."),
    (M, "The man went to the school in order to meet the girl."),
    # access to children
    (A, "The suspect was the victim's stepfather."),
    (A, "The offender abused his 7-year-old niece."),
    (A, "The man worked as a swimming instructor at a local club."),
    (A, "She was employed as a nanny for the family."),
    (A, "The suspect lived with the child and her mother."),
    (A, "The images showed the suspect's own daughter."),
    (A, "The abuse took place within the family."),
    (A, "He had unsupervised access to children through his work."),
    (A, "The child's grandfather was identified as the offender."),
    (A, "The man was the child's uncle and had direct access to him."),
    (A, "He was charged with abusing his 4 year old daughter."),
    (A, "The suspect was training as a caretaker in a kindergarten."),
    (A, "A volunteer scout leader was arrested."),
    (A, "The coach was in a position of trust."),
    (A, "The father of the victim was arrested."),
    (A, "The victims were children in his family circle."),
    (A, "The victim was the daughter of the suspect's girlfriend."),
    (A, "The perpetrator was a family friend who often babysat the children."),
    (A, "The offender worked at a children's summer camp."),
    (A, "The abuser was the mother's boyfriend."),
    (A, "He had sexually abused his two stepdaughters."),
    (A, "The teacher was reported by a parent."),
    # very young victim
    (Y, "The video showed a 3-year-old girl."),
    (Y, "The material depicted an infant."),
    (Y, "a toddler was identified in the images"),
    (Y, "The files included material depicting babies."),
    (Y, "his 18-month-old son"),
    (Y, "The victims were children aged 2 to 4."),
    (Y, "a five-year-old boy"),
    (Y, "The report concerned the abuse of a very young girl."),
    (Y, "The material showed the abuse of a baby."),
    (Y, "The victim, aged 2, was safeguarded."),
    (Y, "The offender abused a pre-school child."),
    (Y, "The material showed a girl of 4 years."),
    # recently produced material
    (R, "The NCMEC report indicated that the material could have been recently produced."),
    (R, "i just took this for you"),
    (R, "The abuse appears to be ongoing."),
    (R, "Investigators believe the child is still being abused."),
    (R, "The photos were taken yesterday."),
    (R, "The video was produced within the last 24 hours."),
    # live streaming
    (L, "The abuse was streamed live to paying viewers."),
    (L, "The girl was coerced to engage in sexual activity over a video call."),
    (L, "He asked the boy to undress on webcam."),
    (L, "Investigators found a livestream from abroad on his computer."),
    (L, "He watched the abuse in real time."),
    # payment or exchange
    (P, "He offered the boy gift cards in exchange for images."),
    (P, "The offender provided PlayStation codes to young boys."),
    (P, "He paid 50 euros for each video."),
    (P, "She received money via Western Union."),
    (P, "The uncle was offering the child money for sending files."),
    (P, "The man sold images of children to other users."),
    (P, "A teenager used an online platform to traffic his girlfriend."),
    (P, "He was sending money to the mothers so that they would send pictures."),
    (P, "He paid for live-streamed abuse of children abroad."),
    (P, "The investigation uncovered money transfers to facilitators."),
    # a child made to abuse another child
    (X, "The offender persuaded the girl to abuse her younger brother."),
    (X, "He enticed two of the children to engage in sexual acts with each other."),
]

DOES_NOT_FIRE: list[tuple[CueKind, str]] = [
    (T, "There was no threat to the child."),
    (T, "He did not threaten the girl."),
    (T, "The agency published its annual threat assessment."),
    (T, "This game is killing me."),
    (T, "I'm going to kill you in the next round lol"),
    (S, "I'm dying of laughter"),
    (S, "He said he would never hurt himself."),
    (S, "this homework is killing me"),
    (S, "She is not suicidal."),
    (S, "The suspect took his own life after the house search."),
    (M, "We need to meet the deadline."),
    (M, "Nice to meet you!"),
    (M, "I would never ask you to meet."),
    (M, "There were no plans to meet the child."),
    (M, "The officers will meet with the prosecutor next week."),
    (M, "The company has to meet the legal requirements."),
    (M, "I will come back online later."),
    (A, "My teacher said homework is due tomorrow."),
    (A, "We went on a coach trip to the coast."),
    (A, "He had access to her account."),
    (A, "He is not the child's father."),
    (A, "The suspect has no children."),
    (A, "The victim's mother reported the abuse to the police."),
    (A, "A mother reported to the police that her daughter had received messages."),
    (A, "A teacher reported the images to the police."),
    (A, "A family member reported the chat to the police."),
    (A, "The images were found in his home."),
    (Y, "The victim was a 12-year-old girl."),
    (Y, "a 6 year old boy"),
    (Y, "hey baby how are you"),
    (Y, "He was sentenced to 3 years in prison."),
    (Y, "The account was a 2 year old profile."),
    (Y, "The video was 2 years old."),
    (Y, "He received a sentence of under 3 years."),
    (Y, "There were only 2."),
    (Y, "The victim was a girl of 11."),
    (R, "The investigation is still ongoing."),
    (R, "There was no sign of recently produced material."),
    (R, "The material was previously unseen."),
    (L, "The company runs a live-streaming platform."),
    (L, "The suspect was seen on CCTV camera footage."),
    (L, "He filmed the abuse on camera."),
    (L, "The provider detects such material in real time."),
    (P, "Please pay attention to the instructions."),
    (P, "He was stopped at a traffic light."),
    (P, "He shared the images with other users."),
    (P, "The two men discussed trading images."),
    (P, "He was fined 3000 euros."),
    (P, "The provider analysed the network traffic."),
]


@pytest.mark.parametrize(("kind", "text"), FIRES)
def test_fires(kind: CueKind, text: str) -> None:
    assert kind in kinds(text)


@pytest.mark.parametrize(("kind", "text"), DOES_NOT_FIRE)
def test_does_not_fire(kind: CueKind, text: str) -> None:
    assert kind not in kinds(text)


def test_every_kind_has_patterns_and_is_tested() -> None:
    from tipline.assessment.text.lang.en import LEXICON

    assert set(LEXICON.cues) == set(CueKind)
    assert {k for k, _ in FIRES} == set(CueKind)
    assert LEXICON.negations
    assert LEXICON.scope_breakers


def test_the_same_sentence_without_the_negation_fires() -> None:
    assert M in kinds("There were plans to meet the child.")
    assert T in kinds("He threatened the girl.")
