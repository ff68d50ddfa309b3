/**
 * The layout (side menu, header, phone bars and the Element Plus parts they use) as a chunk of
 * its own: the welcome page, a bare route, shows none of it, so a new device's first screen
 * neither fetches nor runs it. main.ts starts this load before mounting any other page.
 */
export const loadAppLayout = () => import('./AppLayout.vue')
