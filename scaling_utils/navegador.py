"""No navegador (JupyterLite, Pyodide): os dados das execuções do Chinchilla pelo ``fetch``.

No Pyodide não há sockets, e o ``urllib`` de ``data`` não baixa nada. A célula de preparação
dos cadernos chama ``await baixar_dados()``: o navegador busca o arquivo (``pyodide.http.pyfetch``,
o ``fetch`` do navegador), o SHA-256 é conferido e o arquivo vai para o cache de ``data``, onde
``load_chinchilla_runs`` o encontra. Sem internet, uma mensagem em português diz o que fazer;
o capítulo roda assim mesmo (as células que dependem dos dados dizem o que falta).
"""

from __future__ import annotations

import hashlib

from . import data

SEM_DADOS = ("Não consegui baixar pelo navegador os dados das execuções do Chinchilla ({motivo}). "
             "Os capítulos rodam assim mesmo; só as células que usam esses dados dizem o que "
             "falta. Para tê-los, confira a conexão e rode esta célula de novo (o arquivo vem "
             "de {url}).")


async def baixar_dados() -> bool:
    """Põe o CSV no cache (se ainda não estiver lá). Devolve se os dados estão disponíveis."""
    from pyodide.http import pyfetch

    destino = data.cache_dir() / data.FILENAME
    if destino.is_file():
        return True
    try:
        resposta = await pyfetch(data.URL)
        if not resposta.ok:
            raise OSError(f"o servidor respondeu {resposta.status}")
        conteudo = await resposta.bytes()
    except Exception as erro:  # o fetch do navegador falha com erros do JavaScript
        print(SEM_DADOS.format(motivo=erro, url=data.URL))
        return False
    digest = hashlib.sha256(conteudo).hexdigest()
    if digest != data.SHA256:
        print(SEM_DADOS.format(motivo=f"SHA-256 {digest}, esperado {data.SHA256}",
                               url=data.URL))
        return False
    destino.parent.mkdir(parents=True, exist_ok=True)
    destino.write_bytes(conteudo)
    return True
