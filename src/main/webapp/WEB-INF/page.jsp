<%@ page session="false" contentType="text/html; charset=UTF-8" pageEncoding="UTF-8" trimDirectiveWhitespaces="true"
%><%@ taglib prefix="c" uri="jakarta.tags.core"
%><%-- Every value from the model goes through c:out (escaped). The only raw output is the page's own style and script. --%><!DOCTYPE html>
<html lang="<c:out value='${view.lang()}'/>">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="robots" content="noindex">
<%-- The icon is inline, so a browser asks for no /favicon.ico: one visit is one request. --%>
<link rel="icon" href="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E%3Ccircle cx='8' cy='8' r='7' fill='%236d4bd8'/%3E%3C/svg%3E">
<title><c:out value="${view.title()}"/></title>
<c:if test="${view.reloadAfter() > 0}"><%-- Without JavaScript, a visitor waiting in a reopening is in by its end. --%>
<noscript><meta http-equiv="refresh" content="<c:out value='${view.reloadAfter()}'/>"></noscript>
</c:if>
<style>${assets.css()}</style>
</head>
<body data-end="<c:out value='${view.status().estimatedCompletion()}'/>" data-active="<c:out value='${view.status().isActive()}'/>"
      data-updated="<c:out value='${view.status().updatedAt()}'/>"
      data-site="<c:out value='${view.siteUrl()}'/>"<c:if test="${view.scope() != null}"> data-scope="<c:out value='${view.scope()}'/>"</c:if>
      data-connected="<c:out value="${view.text()['connection.live']}"/>"
      data-connecting="<c:out value="${view.text()['connection.connecting']}"/>"
      data-disconnected="<c:out value="${view.text()['connection.lost']}"/>"
      data-phase-active="<c:out value="${view.text()['phase.active']}"/>"
      data-phase-almost="<c:out value="${view.text()['phase.almost']}"/>"
      data-phase-final="<c:out value="${view.text()['phase.final']}"/>"
      data-phase-complete="<c:out value="${view.text()['phase.complete']}"/>"
      data-note-overdue="<c:out value="${view.text()['note.overdue']}"/>"
      data-note-unknown="<c:out value="${view.text()['note.unknown']}"/>"
      data-note-over="<c:out value="${view.text()['note.over']}"/>"
      data-note-back="<c:out value="${view.text()['note.back']}"/>"
      data-reopening-until="<c:out value='${view.status().reopening() == null ? "" : view.status().reopening().until()}'/>"
      data-reopening-message="<c:out value="${view.text()['reopening.message']}"/>"
      data-reopening-issue="<c:out value="${view.text()['reopening.issue']}"/>"
      data-reopening-place="<c:out value="${view.text()['reopening.place']}"/>"
      data-reopening-estimate="<c:out value="${view.text()['reopening.estimate']}"/>"
      data-reopening-turn="<c:out value="${view.text()['reopening.turn']}"/>"
      data-reopening-note="<c:out value="${view.text()['reopening.note']}"/>"
      data-phase-reopening="<c:out value="${view.text()['phase.reopening']}"/>"
      data-admission-message="<c:out value="${view.text()['admission.message']}"/>"
      data-admission-issue="<c:out value="${view.text()['admission.issue']}"/>"
      data-admission-note="<c:out value="${view.text()['admission.note']}"/>"
      data-phase-admission="<c:out value="${view.text()['phase.admission']}"/>"
      data-idle-message="<c:out value="${view.text()['idle.message']}"/>"
      data-idle-issue="<c:out value="${view.text()['idle.issue']}"/>"
      data-auto-message-en="<c:out value="${view.english()['auto.watcher.message']}"/>"
      data-auto-message="<c:out value="${view.text()['auto.watcher.message']}"/>"
      data-auto-issue-en="<c:out value="${view.english()['auto.watcher.issue']}"/>"
      data-auto-issue="<c:out value="${view.text()['auto.watcher.issue']}"/>">
<input type="checkbox" id="pause" class="pause-toggle">
<div class="backdrop" aria-hidden="true"><div class="spiral"></div></div>
<main class="card">
  <p class="phase" id="phase" data-phase="<c:out value='${view.status().phase()}'/>"><c:out value="${view.phaseLabel()}"/></p>
  <h1 id="message"><c:out value="${view.message()}"/></h1>
  <p class="issue"><span class="label"><c:out value="${view.text()['label.issue']}"/></span>
    <span id="issue"><c:out value="${view.issue()}"/></span></p>
  <p class="countdown"><span class="label" id="remaining-label"><c:out value="${view.text()['label.remaining']}"/></span>
    <span role="timer" id="countdown" aria-labelledby="remaining-label"><c:out value="${view.remaining()}"/></span></p>
  <p class="note" id="note"><c:out value="${view.statusNote()}"/></p>
  <p class="note" id="place" hidden></p>
  <p class="started"><c:out value="${view.text()['label.started']}"/>
    <time id="start" datetime="<c:out value='${view.startIso()}'/>"><c:out value="${view.startText()}"/></time></p>
  <section class="updates" aria-labelledby="updates-title"<c:if test="${empty view.updates()}"> hidden</c:if>>
    <h2 id="updates-title"><c:out value="${view.text()['updates.title']}"/></h2>
    <ol id="updates" data-start="<c:out value='${view.status().startTime()}'/>"><c:forEach items="${view.updates()}" var="u">
      <li data-version="<c:out value='${u.version()}'/>"><time datetime="<c:out value='${view.iso(u.at())}'/>"><c:out value="${view.time(u.at())}"/></time>
        <span><c:out value="${view.localized(u.message())}"/></span></li></c:forEach>
    </ol>
  </section>
  <p class="connection" id="connection" data-state="offline"><span class="dot" aria-hidden="true"></span>
    <span id="connection-text"><c:out value="${view.text()['connection.none']}"/></span></p>
  <label class="pause" for="pause"><c:out value="${view.text()['label.pause']}"/></label>
</main>
<div id="announcer" class="visually-hidden" aria-live="polite"></div>
<script>${assets.js()}</script>
</body>
</html>
