// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// openrouter-emulator: runs the emulator until SIGINT/SIGTERM or --max-seconds (see --help).
#include <emulator/emulator.hpp>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <exception>
#include <fstream>
#include <iostream>
#include <string>
#include <string_view>

namespace {

[[noreturn]] void usage_error(std::string const& message)
{
    std::cerr << "openrouter-emulator: " << message << " (see --help)\n";
    std::exit(2);
}

unsigned long parse_number(std::string_view option, std::string const& text, unsigned long max)
{
    char* end = nullptr;
    errno = 0;
    unsigned long v = std::strtoul(text.c_str(), &end, 10);
    if (text.empty() || text[0] == '-' || *end != '\0' || errno != 0 || v > max)
        usage_error(std::string(option) + ": expected an integer between 0 and " + std::to_string(max));
    return v;
}

}  // namespace

int main(int argc, char** argv)
{
    using openrouter::emulator::server_options;
    server_options opts;
    std::string port_file;
    long max_seconds = -1;
    for (int i = 1; i < argc; ++i) {
        std::string_view arg = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc)
                usage_error(std::string(arg) + " needs a value");
            return argv[++i];
        };
        if (arg == "--help" || arg == "-h") {
            std::cout << openrouter::emulator::help_text();
            return 0;
        }
        if (arg == "--host")
            opts.host = value();
        else if (arg == "--port")
            opts.port = static_cast<std::uint16_t>(parse_number(arg, value(), 65535));
        else if (arg == "--tls-cert")
            opts.tls_cert_file = value();
        else if (arg == "--tls-key")
            opts.tls_key_file = value();
        else if (arg == "--api-key")
            opts.api_keys.push_back(value());
        else if (arg == "--provisioning-key")
            opts.provisioning_keys.push_back(value());
        else if (arg == "--threads")
            opts.threads = parse_number(arg, value(), 256);
        else if (arg == "--no-record")
            opts.record_requests = false;
        else if (arg == "--port-file")
            port_file = value();
        else if (arg == "--max-seconds")
            max_seconds = static_cast<long>(parse_number(arg, value(), 100L * 365 * 24 * 3600));
        else
            usage_error("unknown argument \"" + std::string(arg) + "\"");
    }
    if (opts.tls_cert_file.empty() != opts.tls_key_file.empty())
        usage_error("--tls-cert and --tls-key go together");
    if (opts.threads == 0)
        usage_error("--threads must be at least 1");

    // Block the termination signals before any thread starts, then wait for them synchronously.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    std::signal(SIGPIPE, SIG_IGN);

    try {
        openrouter::emulator::server srv(opts);
        srv.start();
        if (!port_file.empty()) {
            std::ofstream f(port_file, std::ios::trunc);
            f << srv.port() << '\n';
            if (!f.flush())
                throw std::runtime_error("cannot write the port file " + port_file);
        }
        std::cout << "listening on " << srv.base_url() << std::endl;
        if (max_seconds >= 0) {
            timespec limit{static_cast<std::time_t>(max_seconds), 0};
            while (sigtimedwait(&signals, nullptr, &limit) < 0 && errno == EINTR) {
            }
        } else {
            int sig = 0;
            sigwait(&signals, &sig);
        }
        srv.stop();
    } catch (std::exception const& e) {
        std::cerr << "openrouter-emulator: " << e.what() << '\n';
        return 1;
    }
    return 0;
}
