# Makes a throwaway test PKI with the openssl CLI (run by CTest as the tls_certs fixture):
#   ca.pem/ca.key         a test CA
#   server.pem/server.key localhost + 127.0.0.1, signed by the CA
#   wronghost.pem/.key    signed by the CA, but for other.invalid only
#   untrusted.pem/.key    self-signed localhost certificate nobody trusts
if(NOT OUT)
  message(FATAL_ERROR "pass -DOUT=<dir>")
endif()
find_program(OPENSSL openssl REQUIRED)
file(MAKE_DIRECTORY ${OUT})
function(run)
  execute_process(COMMAND ${ARGN} WORKING_DIRECTORY ${OUT} RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "openssl failed: ${err}")
  endif()
endfunction()
set(days 2)
run(${OPENSSL} req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days ${days}
    -subj "/CN=openrouter-cpp test CA" -addext "basicConstraints=critical,CA:TRUE"
    -addext "keyUsage=critical,keyCertSign,cRLSign")
set(san_server "subjectAltName=DNS:localhost,IP:127.0.0.1")
set(san_wronghost "subjectAltName=DNS:other.invalid")
foreach(name server wronghost)
  set(ext "${san_${name}}")
  file(WRITE ${OUT}/${name}.ext "${ext}\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n")
  run(${OPENSSL} req -newkey rsa:2048 -nodes -keyout ${name}.key -out ${name}.csr -subj "/CN=${name}")
  run(${OPENSSL} x509 -req -in ${name}.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out ${name}.pem
      -days ${days} -extfile ${name}.ext)
endforeach()
run(${OPENSSL} req -x509 -newkey rsa:2048 -nodes -keyout untrusted.key -out untrusted.pem -days ${days}
    -subj "/CN=localhost" -addext "subjectAltName=DNS:localhost,IP:127.0.0.1")
