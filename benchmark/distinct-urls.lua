-- wrk script: every request asks for a URL never asked before, as real traffic does (deep links, crawlers, assets).
-- Each wrk thread counts for itself; the random part keeps two threads from ever asking for the same URL.
local n = 0
local thread_tag = tostring(math.random(1, 1e9))
request = function()
  n = n + 1
  return wrk.format("GET", "/p/" .. thread_tag .. "/" .. n)
end
