-- wrk's script for an EHR's CDS Hooks calls (http.sh, cpu-by-thread.sh): each call signed with a token of its own,
-- read from the files the run names (wrk ... -- PREFIX: PREFIX-1.txt for its first thread, and so on), which
-- src/bench/Tokens.java makes just before.
local threads = 0
function setup(thread)
    threads = threads + 1
    thread:set("id", threads)
end
local tokens
function init(args)
    tokens = io.open(args[1] .. "-" .. id .. ".txt")
end
function request()
    -- Past the end of the file, a token is used again: the service refuses the replay, and wrk counts the error.
    local token = tokens:read("*l")
    if token == nil then
        tokens:seek("set")
        token = tokens:read("*l")
    end
    wrk.headers["Authorization"] = "Bearer " .. token
    return wrk.format()
end
