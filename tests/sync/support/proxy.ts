/**
 * A TCP proxy in front of the test server that a test can cut: every open connection is
 * destroyed at once (a dropped Wi-Fi, a NAT timeout), and new ones can be refused for a while.
 */
import { connect, createServer, type Socket } from 'node:net'

export interface CuttableProxy {
  url: string
  port: number
  /** Destroys every open connection now. */
  cut(): void
  /** While off, new connections are closed as soon as they open. */
  setOnline(online: boolean): void
  /** Connections accepted so far. */
  readonly connections: number
  close(): Promise<void>
}

export function startProxy(targetPort: number, host = '127.0.0.1'): Promise<CuttableProxy> {
  const open = new Set<Socket>()
  let online = true
  let connections = 0
  const server = createServer((client) => {
    connections++
    if (!online) {
      client.destroy()
      return
    }
    const upstream = connect(targetPort, host)
    open.add(client)
    open.add(upstream)
    const drop = () => {
      client.destroy()
      upstream.destroy()
      open.delete(client)
      open.delete(upstream)
    }
    client.on('error', drop).on('close', drop)
    upstream.on('error', drop).on('close', drop)
    client.pipe(upstream)
    upstream.pipe(client)
  })
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, host, () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      resolve({
        url: `http://${host}:${port}/`,
        port,
        cut() {
          for (const socket of open) socket.destroy()
          open.clear()
        },
        setOnline(value: boolean) {
          online = value
        },
        get connections() {
          return connections
        },
        close() {
          for (const socket of open) socket.destroy()
          return new Promise<void>((done) => server.close(() => done()))
        },
      })
    })
  })
}
